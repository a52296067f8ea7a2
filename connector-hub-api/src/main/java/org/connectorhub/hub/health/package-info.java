/**
 * Health re-checks of stored production accounts ({@code HUB_RECHECK_INTERVAL}, default 24h),
 * spread over the interval, bounded per provider, through the core's
 * {@link org.connectorhub.core.port.in.VerifyAccountUseCase#reverify}. Status changes reach the
 * platform as {@code account.status_changed} webhooks.
 */
package org.connectorhub.hub.health;
