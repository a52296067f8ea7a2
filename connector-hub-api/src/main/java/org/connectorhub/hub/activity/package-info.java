/**
 * The activity log: what each account did (every action run; later every proxied call and agent
 * tool call), through the core's {@link org.connectorhub.core.port.out.ActivityRecorder} port.
 * {@link ActivityWriter} takes entries off the request path into a bounded queue and one thread
 * writes them in batches ({@link ActivityStore}, {@link JdbcActivityStore}); it drops the oldest
 * when it falls behind and never blocks or fails a call. {@link ActivityRoutes} serves
 * {@code GET /v1/logs}; {@link ActivityPurge} deletes entries past {@code HUB_LOGS_RETENTION}.
 */
package org.connectorhub.hub.activity;
