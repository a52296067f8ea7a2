/**
 * The audit trail: who changed what in the control plane. {@link AuditWriter} is the stores'
 * {@link org.connectorhub.hub.storage.AuditTrail} (entries written inside the change's transaction),
 * {@link AuditAccountListener} turns account changes into entries (linked, re-linked, updated,
 * suspended, resumed, deleted, status changed), {@link AuditRoutes} serves {@code GET /v1/audit},
 * and {@link AuditPurge} deletes old entries only when {@code HUB_AUDIT_RETENTION} is set.
 */
package org.connectorhub.hub.audit;
