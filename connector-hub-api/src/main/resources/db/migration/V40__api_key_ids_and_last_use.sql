-- API keys get a public id (the audit trail's key_<first 16 hex digits of the hash>, so old
-- entries name the same key), the key's first characters as shown to people (unknown for keys
-- made before this), and when the key was last used (written in batches, about once a minute).
ALTER TABLE api_keys ADD COLUMN id VARCHAR(64);
UPDATE api_keys SET id = 'key_' || SUBSTRING(hash, 1, 16);
ALTER TABLE api_keys ALTER COLUMN id SET NOT NULL;
CREATE UNIQUE INDEX api_keys_id ON api_keys (id);
ALTER TABLE api_keys ADD COLUMN prefix VARCHAR(16);
ALTER TABLE api_keys ADD COLUMN last_used_at TIMESTAMP WITH TIME ZONE;
