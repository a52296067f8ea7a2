-- The console's account page lists the webhook deliveries about one account. Portable SQL.
CREATE INDEX webhook_events_account ON webhook_events (project_id, account_id);
