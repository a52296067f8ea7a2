/**
 * Webhooks to the host platform, through a transactional outbox.
 *
 * <p><b>Events.</b> {@code account.created}, {@code account.updated} (credentials replaced, label,
 * metadata, provider account, scopes or mode changed), {@code account.deleted} and
 * {@code account.status_changed} (with {@code previous_status}, {@code status} and
 * {@code reasons}). Each is written to {@code webhook_events} and one row per endpoint to
 * {@code webhook_deliveries} in the same transaction as the account change
 * ({@link org.connectorhub.hub.accounts.AccountChangeListener}), so a crash loses none and no event
 * describes a change that rolled back. The body:
 *
 * <pre>{@code
 * {"id": "evt_...", "type": "account.status_changed", "created_at": "2026-11-27T10:00:00Z",
 *  "project_id": "prj_...",
 *  "data": {"account": { ...the API's account JSON: status, status_reasons, last_verified_at...; never credentials },
 *           "previous_status": "active", "status": "invalid", "reasons": [{"code": "...", "description": "...", "at": "..."}]}}
 * }</pre>
 *
 * <p><b>Delivery.</b> {@link org.connectorhub.hub.webhooks.WebhookDispatcher} POSTs with
 * {@code Content-Type: application/json}, {@code ConnectorHub-Event-Id},
 * {@code ConnectorHub-Event-Type} and {@code ConnectorHub-Signature: t=<unix seconds>,v1=<hex>}
 * (see {@link org.connectorhub.hub.webhooks.WebhookSignature} for how to verify). A 2xx answer
 * is success; anything else, a timeout or a refused connection is retried with exponential
 * backoff and jitter ({@code HUB_WEBHOOKS_RETRY_BASE} 30s doubling to
 * {@code HUB_WEBHOOKS_RETRY_MAX_DELAY} 1h) until {@code HUB_WEBHOOKS_RETRY_FOR} (3 days) after
 * the event. Redirects are not followed. An account's next event to an endpoint waits until the
 * previous one is delivered or given up. Delivery is at least once: deduplicate on the event id.
 * A given-up delivery can be queued again ({@link org.connectorhub.hub.webhooks.WebhookEndpoints#redeliver}).
 *
 * <p>Holds the endpoint routes and their logic ({@link org.connectorhub.hub.webhooks.WebhookEndpoints},
 * which the console calls too), the outbox writer, the dispatcher, the store and the module. May depend
 * on the core, {@code accounts} (the change listener it implements), {@code projects}, {@code http},
 * {@code storage}, {@code config} and {@code lifecycle}.
 */
package org.connectorhub.hub.webhooks;
