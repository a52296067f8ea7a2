-- Who changed what in the control plane. Written in the transaction of the change; kept until
-- HUB_AUDIT_RETENTION says otherwise. changes is a JSON before/after summary, never a secret.
CREATE TABLE audit_trail (
    id          VARCHAR(40)  NOT NULL PRIMARY KEY,
    project_id  VARCHAR(64)  NOT NULL,
    occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
    type        VARCHAR(60)  NOT NULL,
    target_id   VARCHAR(255) NOT NULL,
    actor_kind  VARCHAR(20)  NOT NULL,
    actor_id    VARCHAR(255) NOT NULL,
    actor_owner VARCHAR(255),
    source_ip   VARCHAR(64),
    changes     VARCHAR      NOT NULL
);

CREATE INDEX audit_trail_project_at ON audit_trail (project_id, occurred_at DESC, id DESC);
CREATE INDEX audit_trail_target_at ON audit_trail (project_id, target_id, occurred_at DESC, id DESC);
CREATE INDEX audit_trail_at ON audit_trail (occurred_at);
