package org.connectorhub.testkit.postmark;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.connectorhub.testkit.postmark.FakePostmark.Server;
import org.connectorhub.testkit.postmark.PostmarkModel.BounceKind;
import org.connectorhub.testkit.postmark.PostmarkModel.ServerState;

import static java.util.Objects.requireNonNull;
import static org.connectorhub.testkit.postmark.PostmarkWire.object;

/**
 * Everything the fake remembers, shared by the API areas. Every field is guarded by {@link #lock}:
 * the routes run under it (see {@link PostmarkRoutes}) and so do the control methods.
 */
final class PostmarkState {
    static final Map<String, BounceKind> BOUNCE_KINDS = PostmarkModel.bounceKinds();
    static final Set<String> TRACK_LINKS = Set.of("None", "HtmlAndText", "HtmlOnly", "TextOnly");

    final Object lock = new Object();
    final AtomicLong serverIds = new AtomicLong(1000);
    final AtomicLong templateIds = new AtomicLong(2000);
    final AtomicLong bounceIds = new AtomicLong(700000000);
    final AtomicLong signatureIds = new AtomicLong(3000);
    final AtomicLong domainIds = new AtomicLong(4000);
    final AtomicLong webhookIds = new AtomicLong(5000);

    final Map<Long, ServerState> servers = new LinkedHashMap<>();
    final Map<String, ServerState> serversByToken = new LinkedHashMap<>();
    final Set<String> accountTokens = new LinkedHashSet<>();
    /** Suppressed addresses (lower case) and why: HardBounce, SpamComplaint or ManualSuppression. */
    final Map<String, String> inactive = new LinkedHashMap<>();
    final List<ObjectNode> signatures = new ArrayList<>();
    final List<ObjectNode> domains = new ArrayList<>();
    final List<Map<String, Object>> sent = new ArrayList<>();
    boolean enforceSenderSignatures;

    /** Read by the webhooks routes and the delivery; thread-safe on its own. */
    final FakePostmarkWebhookSettings webhookSettings = new FakePostmarkWebhookSettings();

    ServerState createServer(String name, String deliveryType) {
        ServerState server = new ServerState(serverIds.incrementAndGet(), name, deliveryType, UUID.randomUUID().toString());
        servers.put(server.id, server);
        serversByToken.put(key(server.tokens.get(0)), server);
        return server;
    }

    ObjectNode createSignature(String email, String name, String replyTo, boolean confirmed) {
        ObjectNode signature = object();
        signature.put("Domain", email.substring(email.indexOf('@') + 1));
        signature.put("EmailAddress", email);
        signature.put("ReplyToEmailAddress", replyTo);
        signature.put("Name", name);
        signature.put("Confirmed", confirmed);
        signature.put("SPFVerified", confirmed);
        signature.put("DKIMVerified", confirmed);
        signature.put("ReturnPathDomain", "");
        signature.put("ReturnPathDomainVerified", false);
        signature.put("ID", signatureIds.incrementAndGet());
        signatures.add(signature);
        return signature;
    }

    ObjectNode createDomain(String name, String returnPathDomain) {
        ObjectNode domain = object();
        domain.put("Name", name);
        domain.put("SPFVerified", false);
        domain.put("SPFHost", name);
        domain.put("SPFTextValue", "v=spf1 a mx include:spf.mtasv.net ~all");
        domain.put("DKIMVerified", false);
        domain.put("WeakDKIM", false);
        domain.put("DKIMHost", "");
        domain.put("DKIMTextValue", "");
        domain.put("DKIMPendingHost", "20260101000000pm._domainkey." + name);
        domain.put("DKIMPendingTextValue", "k=rsa;p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQCFAKE");
        domain.put("DKIMRevokedHost", "");
        domain.put("DKIMRevokedTextValue", "");
        domain.put("SafeToRemoveRevokedKeyFromDNS", false);
        domain.put("DKIMUpdateStatus", "Pending");
        domain.put("ReturnPathDomain", returnPathDomain);
        domain.put("ReturnPathDomainVerified", false);
        domain.put("ReturnPathDomainCNAMEValue", "pm.mtasv.net");
        domain.put("ID", domainIds.incrementAndGet());
        domains.add(domain);
        return domain;
    }

    /** The state behind a {@link Server} handed out earlier; a server of another fake is a caller's mistake. */
    ServerState state(Server server) {
        requireNonNull(server, "server is null");
        ServerState state = servers.get(server.id());
        if (state == null) {
            throw new IllegalArgumentException("no such server in this fake: " + server.id());
        }
        return state;
    }

    /** Tokens match whatever their case and surrounding blanks. */
    static String key(String token) {
        return token.trim().toLowerCase(Locale.ROOT);
    }
}
