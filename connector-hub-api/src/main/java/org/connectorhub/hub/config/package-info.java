/**
 * The hub's configuration: one immutable typed model ({@link org.connectorhub.hub.config.HubConfig}
 * with its sections http, database, cipher, projects, caches, webhooks, rechecks and connectors),
 * read from {@code HUB_*} environment variables and the command-line flags derived from the same
 * list ({@link org.connectorhub.hub.config.HubVariable}), with one duration grammar
 * ({@link org.connectorhub.hub.config.Durations}), and the module that binds each section on its
 * own, so a slice injects only what it reads. Depends on no other hub package.
 */
@Value.Style(
        visibility = Value.Style.ImplementationVisibility.PUBLIC,
        redactedMask = "****",
        defaults = @Value.Immutable(copy = true))
package org.connectorhub.hub.config;

import org.immutables.value.Value;
