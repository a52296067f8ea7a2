-- "what failed?" (GET /v1/logs?status=...) is the log's most common question after "what happened?";
-- failures are rare, so without these a newest-first page walks past every success before it
CREATE INDEX activity_log_project_status_at ON activity_log (project_id, status, occurred_at DESC, id DESC);
CREATE INDEX activity_log_account_status_at ON activity_log (project_id, account_id, status, occurred_at DESC, id DESC);
