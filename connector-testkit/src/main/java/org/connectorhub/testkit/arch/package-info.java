/**
 * ArchUnit rules a connector module runs on itself: no framework in the SPI implementation, no
 * dependency on the hub. Depends on the core and ArchUnit only.
 */
package org.connectorhub.testkit.arch;
