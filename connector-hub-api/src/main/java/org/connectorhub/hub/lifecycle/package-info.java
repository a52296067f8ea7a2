/**
 * What starts and stops: the {@link org.connectorhub.hub.lifecycle.Lifecycle} interface every
 * component with a start-up step implements, and the graceful shutdown of background executors. Depends on
 * no other hub package.
 */
package org.connectorhub.hub.lifecycle;
