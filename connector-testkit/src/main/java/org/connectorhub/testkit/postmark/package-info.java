/**
 * A fake Postmark on loopback, faithful to Postmark's documented wire format and independent of
 * any adapter's classes: {@link org.connectorhub.testkit.postmark.FakePostmark}.
 */
package org.connectorhub.testkit.postmark;
