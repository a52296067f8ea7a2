/**
 * The connector SPI: what a provider module implements ({@link org.connectorhub.core.spi.ConnectorFactory},
 * found with {@link java.util.ServiceLoader}; {@link org.connectorhub.core.spi.Connector}, its
 * {@link org.connectorhub.core.spi.AuthVerifier} and its actions). The core checks an action's input
 * against its schema before the handler runs. Plain Java: depends only on {@code domain} and the JDK,
 * so a connector needs no framework.
 */
package org.connectorhub.core.spi;
