package io.community.web.auth;

import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.netty.handler.ipfilter.IpFilterRuleType;
import io.netty.handler.ipfilter.IpSubnetFilterRule;
import io.netty.util.NetUtil;
import jakarta.inject.Singleton;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * The caller's address: the connection's, unless the connection comes from a configured trusted
 * proxy ({@code community.http.trusted-proxies}); then the right-most {@code X-Forwarded-For}
 * entry that is not itself a trusted proxy. Anyone can send the header, so it is never read from
 * other connections, and entries left of the first untrusted one are the client's own claims.
 * Request bodies never get to claim an address.
 *
 * <p>Micronaut's own {@code micronaut.server.client-address-header} trusts the header from every
 * connection, hence this. Subnets are matched with Netty's {@link IpSubnetFilterRule} (IPv4 and
 * IPv6), already on the classpath.
 */
@Singleton
public class ClientAddress {
    static final String FORWARDED_FOR = "X-Forwarded-For";

    private final List<IpSubnetFilterRule> trusted;

    public ClientAddress(HttpProperties properties) {
        List<IpSubnetFilterRule> rules = new ArrayList<>();
        for (String entry : properties.trustedProxies()) {
            rules.add(rule(entry.trim()));
        }
        this.trusted = List.copyOf(rules);
    }

    private static IpSubnetFilterRule rule(String entry) {
        int slash = entry.indexOf('/');
        String host = slash < 0 ? entry : entry.substring(0, slash);
        InetAddress address = NetUtil.createInetAddressFromIpAddressString(host);
        if (address == null) {
            throw new ConfigurationException("community.http.trusted-proxies: '" + entry
                    + "' is not an IP address or CIDR block (e.g. 10.0.0.0/8, 127.0.0.1, fd00::/8)");
        }
        int bits = address instanceof Inet4Address ? 32 : 128;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (prefix < 0 || prefix > bits) {
                throw new ConfigurationException(
                        "community.http.trusted-proxies: '" + entry + "' has a prefix length outside 0.." + bits);
            }
        }
        return new IpSubnetFilterRule(address, prefix, IpFilterRuleType.ACCEPT);
    }

    public String of(HttpRequest<?> request) {
        return resolve(request.getRemoteAddress(), request.getHeaders().getAll(FORWARDED_FOR));
    }

    String resolve(InetSocketAddress connection, List<String> forwardedFor) {
        InetAddress peer = connection.getAddress();
        if (peer == null) {
            return connection.getHostString();
        }
        if (!isTrusted(peer)) {
            return peer.getHostAddress();
        }
        List<String> hops = new ArrayList<>();
        for (String header : forwardedFor) {
            for (String hop : header.split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress client = peer;
        // right to left: each trusted hop vouches for the one before it
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = parse(hops.get(i));
            if (hop == null) {
                break; // garbage reached a trusted proxy: that proxy is the last address anyone vouches for
            }
            client = hop;
            if (!isTrusted(hop)) {
                break;
            }
        }
        return client.getHostAddress();
    }

    private boolean isTrusted(InetAddress address) {
        InetSocketAddress socket = new InetSocketAddress(address, 0);
        for (IpSubnetFilterRule rule : trusted) {
            if (rule.matches(socket)) {
                return true;
            }
        }
        return false;
    }

    /** An address literal as proxies write it: {@code 192.0.2.1}, {@code 192.0.2.1:4711}, {@code [2001:db8::1]:443}. */
    @Nullable
    static InetAddress parse(String hop) {
        String h = hop;
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            h = end < 0 ? h : h.substring(1, end);
        } else if (h.indexOf(':') == h.lastIndexOf(':') && h.indexOf(':') > 0) {
            h = h.substring(0, h.indexOf(':')); // IPv4 with a port; IPv6 has several colons
        }
        return NetUtil.createInetAddressFromIpAddressString(h);
    }
}
