-- The data-encryption keyset (Tink), encrypted with the master key. One row per keyset name;
-- revision increases on every change so concurrent rotations on several hubs cannot lose a key.
CREATE TABLE keysets (
    name              VARCHAR(64) NOT NULL PRIMARY KEY,
    encrypted_keyset  BYTEA       NOT NULL,
    key_log           VARCHAR     NOT NULL,
    revision          BIGINT      NOT NULL,
    updated_at        TIMESTAMP WITH TIME ZONE NOT NULL
);
