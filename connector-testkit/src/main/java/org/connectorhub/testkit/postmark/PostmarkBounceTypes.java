package org.connectorhub.testkit.postmark;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Postmark's bounce types as its webhooks send them (postmark.js enum, per the team's fact sheet):
 * Type, TypeCode, a display name, the fixed description, and whether the address becomes inactive.
 */
final class PostmarkBounceTypes {
    record Type(int code, String name, String description, boolean deactivates) {
    }

    private static final Map<String, Type> TYPES = new LinkedHashMap<>();

    static {
        add("HardBounce", 1, "Hard bounce", "The server was unable to deliver your message (ex: unknown user, mailbox not found).", true);
        add("Transient", 2, "Message delayed", "The server could not temporarily deliver your message (ex: Message is delayed due to network troubles).", false);
        add("Unsubscribe", 16, "Unsubscribe request", "Unsubscribe or Remove request.", false);
        add("Subscribe", 32, "Subscribe request", "Subscribe request from someone wanting to get added to the mailing list.", false);
        add("AutoResponder", 64, "Auto responder", "Automatic email responder (ex: \"Out of Office\" or \"On Vacation\").", false);
        add("AddressChange", 128, "Address change", "The recipient has requested an address change.", false);
        add("DnsError", 256, "DNS error", "A temporary DNS error.", false);
        add("SpamNotification", 512, "Spam notification", "The message was delivered, but was either blocked by the user, or classified as spam, bulk mail, or had rejected content.", false);
        add("OpenRelayTest", 1024, "Open relay test", "The NDR is actually a test email message to see if the mail server is an open relay.", false);
        add("Unknown", 2048, "Unknown", "Unable to classify the NDR.", false);
        add("SoftBounce", 4096, "Soft bounce", "Unable to temporarily deliver message (i.e. mailbox full, account disabled, exceeds quota, out of disk space).", false);
        add("VirusNotification", 8192, "Virus notification", "The bounce is actually a virus notification warning about a virus/code infected message.", false);
        add("ChallengeVerification", 16384, "Spam challenge verification", "The bounce is a challenge asking for verification you actually sent the email.", false);
        add("BadEmailAddress", 100000, "Invalid email address", "The address is not a valid email address.", false);
        add("SpamComplaint", 100001, "Spam complaint", "The subscriber explicitly marked this message as spam.", true);
        add("ManuallyDeactivated", 100002, "Manually deactivated", "The email was manually deactivated.", true);
        add("Unconfirmed", 100003, "Registration not confirmed", "The subscriber has not clicked on the confirmation link.", false);
        add("Blocked", 100006, "ISP block", "Blocked from this ISP due to content or blacklisting.", false);
        add("SMTPApiError", 100007, "SMTP API error", "An error occurred while accepting an email through the SMTP API.", false);
        add("InboundError", 100008, "Inbound error", "Unable to deliver inbound message to destination inbound hook.", false);
        add("DMARCPolicy", 100009, "DMARC policy", "Email rejected due DMARC Policy.", false);
        add("TemplateRenderingFailed", 100010, "Template rendering failed", "An error occurred while attempting to render your template.", false);
    }

    private PostmarkBounceTypes() {
    }

    private static void add(String type, int code, String name, String description, boolean deactivates) {
        TYPES.put(type, new Type(code, name, description, deactivates));
    }

    static Type of(String type) {
        Type known = TYPES.get(type);
        if (known == null) {
            throw new IllegalArgumentException("unknown bounce type " + type + "; known: " + TYPES.keySet());
        }
        return known;
    }
}
