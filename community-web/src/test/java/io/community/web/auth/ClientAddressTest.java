package io.community.web.auth;

import io.micronaut.context.exceptions.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ClientAddressTest {

    private static ClientAddress trusting(String... proxies) {
        return new ClientAddress(new HttpProperties(List.of(proxies)));
    }

    private static InetSocketAddress from(String ip) {
        return new InetSocketAddress(ip, 40000);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsIgnored() {
        ClientAddress addresses = trusting();

        assertThat(addresses.resolve(from("198.51.100.7"), List.of("203.0.113.9")))
                .isEqualTo("198.51.100.7");
        assertThat(addresses.resolve(from("127.0.0.1"), List.of("203.0.113.9"))).isEqualTo("127.0.0.1");
    }

    @Test
    void anUntrustedConnectionCannotClaimAnAddress() {
        ClientAddress addresses = trusting("10.0.0.0/8");

        assertThat(addresses.resolve(from("198.51.100.7"), List.of("203.0.113.9")))
                .isEqualTo("198.51.100.7");
    }

    @Test
    void aTrustedProxyNamesTheClient() {
        ClientAddress addresses = trusting("10.0.0.0/8", "127.0.0.1");

        assertThat(addresses.resolve(from("10.1.2.3"), List.of("203.0.113.9"))).isEqualTo("203.0.113.9");
        assertThat(addresses.resolve(from("127.0.0.1"), List.of("203.0.113.9:51234")))
                .isEqualTo("203.0.113.9");
        // no header: the proxy is all we know
        assertThat(addresses.resolve(from("10.1.2.3"), List.of())).isEqualTo("10.1.2.3");
    }

    @Test
    void theRightMostUntrustedHopIsTheClient() {
        ClientAddress addresses = trusting("10.0.0.0/8");

        // the client claimed 1.1.1.1 itself; 203.0.113.9 is what the first trusted proxy saw
        assertThat(addresses.resolve(from("10.0.0.2"), List.of("1.1.1.1, 203.0.113.9, 10.0.0.1")))
                .isEqualTo("203.0.113.9");
        // several headers are one list, in order
        assertThat(addresses.resolve(from("10.0.0.2"), List.of("1.1.1.1, 203.0.113.9", "10.0.0.1")))
                .isEqualTo("203.0.113.9");
        // only trusted hops: the farthest one
        assertThat(addresses.resolve(from("10.0.0.2"), List.of("10.9.9.9, 10.0.0.1")))
                .isEqualTo("10.9.9.9");
        // garbage stops the walk at the last hop a trusted proxy vouched for
        assertThat(addresses.resolve(from("10.0.0.2"), List.of("203.0.113.9, unknown")))
                .isEqualTo("10.0.0.2");
        assertThat(addresses.resolve(from("10.0.0.2"), List.of("evil.example.com")))
                .isEqualTo("10.0.0.2");
    }

    @Test
    void ipv6ProxiesAndClients() {
        ClientAddress addresses = trusting("fd00::/8", "::1");

        assertThat(addresses.resolve(from("fd00::5"), List.of("[2001:db8::1]:443")))
                .isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(addresses.resolve(from("::1"), List.of("2001:db8::2"))).isEqualTo("2001:db8:0:0:0:0:0:2");
        assertThat(addresses.resolve(from("2001:db8::9"), List.of("2001:db8::2")))
                .isEqualTo("2001:db8:0:0:0:0:0:9");
    }

    @Test
    void aBadEntryFailsAtStartupWithTheSetting() {
        assertThatThrownBy(() -> trusting("proxy.internal"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("community.http.trusted-proxies")
                .hasMessageContaining("proxy.internal");
        assertThatThrownBy(() -> trusting("10.0.0.0/33"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("10.0.0.0/33");
        assertThatThrownBy(() -> trusting("10.0.0.0/x")).isInstanceOf(ConfigurationException.class);
    }
}
