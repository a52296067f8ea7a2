package org.connectorhub.hub.webhooks;

import java.util.List;

/** The event types the hub sends. */
public final class WebhookEvents {
    public static final String ACCOUNT_CREATED = "account.created";
    public static final String ACCOUNT_UPDATED = "account.updated";
    public static final String ACCOUNT_DELETED = "account.deleted";
    public static final String ACCOUNT_STATUS_CHANGED = "account.status_changed";
    /** Provider events (issue 21): what an account's provider reported, normalised. */
    public static final List<String> EMAIL = List.of("email.delivered", "email.bounced", "email.opened", "email.clicked",
            "email.spam_complaint", "email.subscription_changed", "email.inbound", "email.unknown");
    public static final List<String> ALL = List.of(ACCOUNT_CREATED, ACCOUNT_UPDATED, ACCOUNT_DELETED,
            ACCOUNT_STATUS_CHANGED, "email.delivered", "email.bounced", "email.opened", "email.clicked",
            "email.spam_complaint", "email.subscription_changed", "email.inbound", "email.unknown");

    private WebhookEvents() {
    }
}
