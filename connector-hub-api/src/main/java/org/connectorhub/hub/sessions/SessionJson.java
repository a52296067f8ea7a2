package org.connectorhub.hub.sessions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.connectorhub.hub.http.WireJson;

/** A connect session on the wire (platform API and Hub page alike). */
public final class SessionJson {
    private SessionJson() {
    }

    /** A session as the platform and the Hub page see it; the token is never part of it. */
    public static Map<String, Object> of(ConnectSession session) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", session.id());
        json.put("origin_owner_id", session.originOwnerId());
        json.put("origin_owner_name", session.originOwnerName());
        json.put("origin_username", session.originUsername().orElse(null));
        json.put("provider", session.provider().orElse(null));
        json.put("account_id", session.accountId().orElse(null));
        json.put("metadata", new TreeMap<>(session.metadata()));
        json.put("created_at", WireJson.time(session.createdAt()));
        json.put("expires_at", WireJson.time(session.expiresAt()));
        json.put("used", session.used());
        json.put("linked_account_id", session.linkedAccountId().orElse(null));
        return json;
    }
}
