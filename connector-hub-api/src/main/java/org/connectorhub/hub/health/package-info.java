/**
 * Health re-checks of stored production accounts ({@code HUB_RECHECK_INTERVAL}, default 24h),
 * spread over the interval, bounded per provider, through the core's
 * {@link org.connectorhub.core.port.in.VerifyAccountUseCase#reverify}. Status changes reach the
 * platform as {@code account.status_changed} webhooks. Holds the scheduler, its settings and its module.
 * May depend on the core, {@code accounts}, {@code storage}, {@code config} and {@code lifecycle}.
 */
package org.connectorhub.hub.health;
