/**
 * The hub's configuration: {@link org.connectorhub.hub.config.HubConfig} read from {@code HUB_*}
 * variables, the database settings and allowed origins it holds, and the module that binds it. Depends on
 * no other hub package.
 */
package org.connectorhub.hub.config;
