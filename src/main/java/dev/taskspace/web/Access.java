package dev.taskspace.web;

import dev.taskspace.TaskspaceException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Who may talk to the server. Every request must name an allowed host in its {@code Host}
 * header, so that a page elsewhere whose name was pointed at this machine (DNS rebinding) is
 * refused. Bound to loopback, that is all; bound to any other address, every request must also
 * carry the access token: in the address ({@code ?token=...}, which sets a cookie for the page's
 * own requests), in that cookie, or as {@code Authorization: Bearer ...}.
 *
 * @param hosts the host names and addresses that a {@code Host} header may name (lower case,
 *     without port)
 * @param token the access token, or null on loopback
 */
record Access(Set<String> hosts, String token) {
    /** Tokens a user gives: long enough not to be guessed, and safe in an address and a cookie. */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");
    private static final SecureRandom RANDOM = new SecureRandom();

    Access {
        hosts = Collections.unmodifiableSet(new TreeSet<>(hosts));
        if (token != null && !TOKEN.matcher(token).matches()) {
            throw new TaskspaceException("the access token must be 16 to 128 letters, digits, - or _: choose a longer one, "
                    + "or leave --token out to have one made");
        }
    }

    /** Loopback only: loopback names in {@code Host}, no token. */
    static Access loopback() {
        return new Access(Set.of("localhost"), null);
    }

    /**
     * Serving on {@code bind} (not loopback): the host names of this machine, its addresses and
     * {@code extraHosts} are allowed; {@code token} (null: a new random one) is required.
     */
    static Access network(InetAddress bind, Set<String> extraHosts, String token) {
        Set<String> hosts = new TreeSet<>();
        hosts.add("localhost");
        for (String h : extraHosts) hosts.add(h.strip().toLowerCase(Locale.ROOT));
        if (bind.isAnyLocalAddress()) {
            try {
                for (NetworkInterface nif : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    for (InetAddress a : Collections.list(nif.getInetAddresses())) hosts.add(literal(a));
                }
            } catch (SocketException e) {
                // no interface list: the bound address, loopback and the names below remain
            }
        } else {
            hosts.add(literal(bind));
        }
        try {
            InetAddress local = InetAddress.getLocalHost();
            hosts.add(local.getHostName().toLowerCase(Locale.ROOT));
            hosts.add(literal(local));
        } catch (java.net.UnknownHostException e) {
            // no name for this machine
        }
        return new Access(hosts, token != null ? token : newToken());
    }

    /** 32 random hex digits (128 bits). */
    static String newToken() {
        byte[] b = new byte[16];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    private static String literal(InetAddress a) {
        String s = a.getHostAddress().toLowerCase(Locale.ROOT);
        int zone = s.indexOf('%');
        return zone >= 0 ? s.substring(0, zone) : s;
    }

    /** Whether a {@code Host} header names an allowed host or any loopback address (any port). */
    boolean hostAllowed(String host) {
        if (host == null) return token == null; // HTTP/1.0 clients on loopback; browsers always send Host
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            if (end < 0) return false;
            String v6 = h.substring(1, end);
            return v6.equals("::1") || v6.equals("0:0:0:0:0:0:0:1") || hosts.contains(v6);
        }
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        if (h.endsWith(".")) h = h.substring(0, h.length() - 1);
        return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}") || hosts.contains(h);
    }

    /** The cookie that carries the token for a server on {@code port}. */
    static String cookieName(int port) {
        return "taskspace_token_" + port;
    }

    /** Whether a request carries the token (always true without one). */
    boolean tokenGiven(String query, String cookies, String authorization, int port) {
        if (token == null) return true;
        return matches(param(query, "token")) || matches(cookie(cookies, cookieName(port)))
                || (authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7) && matches(authorization.substring(7).strip()));
    }

    /** Whether the query carries the token (then the answer sets the cookie). */
    boolean tokenInQuery(String query) {
        return token != null && matches(param(query, "token"));
    }

    private boolean matches(String given) {
        return given != null && MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8));
    }

    private static String param(String query, String name) {
        if (query == null) return null;
        for (String part : query.split("&")) {
            if (part.startsWith(name + "=")) return part.substring(name.length() + 1);
        }
        return null;
    }

    private static String cookie(String header, String name) {
        if (header == null) return null;
        for (String part : header.split(";")) {
            String p = part.strip();
            if (p.startsWith(name + "=")) return p.substring(name.length() + 1);
        }
        return null;
    }
}
