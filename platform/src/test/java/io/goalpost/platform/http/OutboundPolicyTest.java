package io.goalpost.platform.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.goalpost.platform.http.OutboundPolicy.Reason;
import io.goalpost.platform.http.OutboundPolicy.Refused;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The outbound rules on their own: schemes, hosts, every resolved address, the server's own port. */
final class OutboundPolicyTest {

    private static final Set<String> PLUGIN = Set.of("graph.facebook.com");
    private final Map<String, List<InetAddress>> dns = new HashMap<>();
    private int lookups;

    private final OutboundPolicy.Resolver resolver = host -> {
        lookups++;
        List<InetAddress> answer = dns.get(host);
        if (answer == null) {
            throw new UnknownHostException(host);
        }
        return answer.toArray(InetAddress[]::new);
    };

    private OutboundPolicy policy(boolean allowPrivate, int ownPort, String... extraHosts) {
        return new OutboundPolicy(allowPrivate, Set.of(extraHosts), () -> ownPort, resolver);
    }

    private void answer(String host, String... addresses) throws UnknownHostException {
        List<InetAddress> list = new ArrayList<>();
        for (String a : addresses) {
            list.add(InetAddress.getByName(a));
        }
        dns.put(host, list);
    }

    private static Refused refused(OutboundPolicy policy, String url, Set<String> pluginHosts) {
        try {
            policy.checkSetting("api_base_url", url, pluginHosts);
        } catch (Refused e) {
            return e;
        }
        throw new AssertionError(url + " was not refused");
    }

    @Test
    void aPublicHostOfThePluginPassesAndComesBackPinnedToTheAddressThatWasChecked() throws Exception {
        answer("graph.facebook.com", "157.240.22.19", "2a03:2880:f10c:83:face:b00c:0:25de");
        OutboundPolicy.Target t = policy(false, 8080).checkSetting("api_base_url", "https://Graph.Facebook.com./v25.0", PLUGIN);
        assertThat(t.host()).isEqualTo("graph.facebook.com");
        assertThat(t.port()).isEqualTo(443);
        assertThat(t.address().getHostAddress()).isEqualTo("157.240.22.19");
        // No name attached: nothing downstream can resolve it again.
        assertThat(t.address().toString()).isEqualTo("/157.240.22.19");
        assertThat(lookups).isEqualTo(1);
    }

    @Test
    void theErrorNamesTheFieldTheAddressAndTheFlag() throws Exception {
        answer("10.0.0.1", "10.0.0.1");
        Refused e = refused(policy(false, 8080, "10.0.0.1"), "https://10.0.0.1/v25.0", PLUGIN);
        assertThat(e.reason()).isEqualTo(Reason.BLOCKED_ADDRESS);
        assertThat(e.getMessage()).isEqualTo("api_base_url points at a private address (10.0.0.1); Goalpost refuses it "
                + "unless started with --allow-private-api-hosts");
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.255.255.254", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.255",
            "192.168.0.1", "192.168.255.255", "100.64.0.1", "100.127.255.255", "169.254.169.254", "169.254.0.1", "0.0.0.0",
            "0.1.2.3", "224.0.0.1", "239.255.255.250", "240.0.0.1", "255.255.255.255", "192.0.0.170", "192.0.2.1",
            "198.18.0.1", "198.51.100.7", "203.0.113.9", "::1", "::", "::7f00:1", "fc00::1", "fd12:3456:789a::1", "fe80::1",
            "febf::1", "fec0::1", "ff02::1", "2001:db8::1", "2001:0:4136:e378::1", "100::1", "64:ff9b:1::a00:1",
            "64:ff9b::a9fe:a9fe", "64:ff9b::7f00:1", "2002:7f00:1::1", "2002:a9fe:a9fe::", "2002:c0a8:101::1"})
    void blockedAddressesAreRefusedWhateverTheNameIs(String address) throws Exception {
        answer("api.example.com", address);
        Refused e = refused(policy(false, 8080), "https://api.example.com/v1", Set.of("api.example.com"));
        assertThat(e.reason()).as(address).isEqualTo(Reason.BLOCKED_ADDRESS);
        assertThat(e.getMessage()).startsWith("api_base_url points at ");
    }

    @Test
    void ipv4MappedAndTranslatedIpv6AreJudgedByTheIpv4AddressTheyCarry() throws Exception {
        OutboundPolicy p = policy(false, 8080);
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        byte[] translated = new byte[16];
        translated[8] = (byte) 0xff;
        translated[9] = (byte) 0xff;
        translated[12] = (byte) 169;
        translated[13] = (byte) 254;
        translated[14] = (byte) 169;
        translated[15] = (byte) 254;
        for (byte[] bytes : List.of(mapped, translated)) {
            // Inet6Address.getByAddress keeps the IPv6 form (InetAddress.getByName would turn ::ffff:a.b.c.d into IPv4).
            dns.put("api.example.com", List.of(Inet6Address.getByAddress(null, bytes, -1)));
            assertThat(refused(p, "https://api.example.com/", Set.of("api.example.com")).reason())
                    .isEqualTo(Reason.BLOCKED_ADDRESS);
        }
        // The same carriers of public IPv4 addresses pass.
        answer("api.example.com", "64:ff9b::9df0:1613", "2002:9df0:1613::1");
        assertThat(p.checkSetting("api_base_url", "https://api.example.com/", Set.of("api.example.com"))).isNotNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"157.240.22.19", "8.8.8.8", "11.0.0.1", "172.32.0.1", "172.15.255.255", "100.128.0.1",
            "192.169.0.1", "169.255.0.1", "223.255.255.255", "2a03:2880:f10c:83:face:b00c:0:25de", "2606:4700::1111"})
    void publicAddressesPass(String address) throws Exception {
        answer("api.example.com", address);
        assertThat(policy(false, 8080).checkSetting("api_base_url", "https://api.example.com/", Set.of("api.example.com"))
                .address()).isEqualTo(InetAddress.getByName(address));
    }

    @Test
    void ipv6AddressesAreShownShort() throws Exception {
        assertThat(OutboundPolicy.shown(InetAddress.getByName("::1"))).isEqualTo("::1");
        assertThat(OutboundPolicy.shown(InetAddress.getByName("::"))).isEqualTo("::");
        assertThat(OutboundPolicy.shown(InetAddress.getByName("fe80::1"))).isEqualTo("fe80::1");
        assertThat(OutboundPolicy.shown(InetAddress.getByName("fd00:0:0:1::"))).isEqualTo("fd00:0:0:1::");
        assertThat(OutboundPolicy.shown(InetAddress.getByName("2001:db8:0:1:0:0:0:1"))).isEqualTo("2001:db8:0:1::1");
        assertThat(OutboundPolicy.shown(InetAddress.getByName("2001:db8:1:2:3:4:5:6"))).isEqualTo("2001:db8:1:2:3:4:5:6");
        answer("api.example.com", "::1");
        assertThat(refused(policy(false, 8080), "https://api.example.com/", Set.of("api.example.com")).getMessage())
                .contains("a loopback address (::1)");
    }

    @Test
    void everyResolvedAddressIsCheckedNotOnlyTheFirst() throws Exception {
        answer("api.example.com", "157.240.22.19", "10.1.2.3");
        Refused e = refused(policy(false, 8080), "https://api.example.com/", Set.of("api.example.com"));
        assertThat(e.getMessage()).contains("(10.1.2.3)");
    }

    @Test
    void aNameThatResolvesToLoopbackIsRefusedWithTheRealResolver() {
        OutboundPolicy p = new OutboundPolicy(false, Set.of("localhost"), () -> 8080, OutboundPolicy.JDK_RESOLVER);
        assertThatThrownBy(() -> p.checkSetting("api_base_url", "https://localhost:9443/v1", PLUGIN))
                .isInstanceOfSatisfying(Refused.class, e -> {
                    assertThat(e.reason()).isEqualTo(Reason.BLOCKED_ADDRESS);
                    assertThat(e.getMessage()).contains("loopback").contains("--allow-private-api-hosts");
                });
    }

    @Test
    void httpsIsRequiredUnlessPrivateHostsAreAllowed() throws Exception {
        answer("graph.facebook.com", "157.240.22.19");
        Refused e = refused(policy(false, 8080), "http://graph.facebook.com/v25.0", PLUGIN);
        assertThat(e.reason()).isEqualTo(Reason.SCHEME);
        assertThat(e.getMessage()).contains("must start with https://").contains("--allow-private-api-hosts");
        assertThat(lookups).as("refused before any lookup").isZero();
        assertThat(policy(true, 8080).checkSetting("api_base_url", "http://graph.facebook.com/v25.0", PLUGIN)).isNotNull();
        assertThat(refused(policy(true, 8080), "ftp://graph.facebook.com/v25.0", PLUGIN).reason()).isEqualTo(Reason.SCHEME);
        assertThat(refused(policy(true, 8080), "graph.facebook.com/v25.0", PLUGIN).reason()).isEqualTo(Reason.NOT_A_URL);
    }

    @Test
    void credentialsInTheUrlAreRefused() {
        Refused e = refused(policy(false, 8080), "https://graph.facebook.com@evil.example/v25.0", Set.of("evil.example"));
        assertThat(e.reason()).isEqualTo(Reason.CREDENTIALS_IN_URL);
    }

    @Test
    void onlyThePluginsHostsAndTheOperatorsExtraHostsMayBeCalled() throws Exception {
        answer("evil.example", "157.240.22.19");
        answer("proxy.example.net", "157.240.22.20");
        Refused e = refused(policy(false, 8080, " Proxy.Example.Net "), "https://evil.example/v25.0", PLUGIN);
        assertThat(e.reason()).isEqualTo(Reason.HOST_NOT_ALLOWED);
        assertThat(e.getMessage()).contains("'evil.example'").contains("graph.facebook.com, proxy.example.net")
                .contains("GOALPOST_EXTRA_ALLOWED_HOSTS");
        assertThat(lookups).as("refused before any lookup").isZero();
        assertThat(policy(false, 8080, "proxy.example.net").checkSetting("api_base_url", "https://proxy.example.net/fb", PLUGIN)
                .address().getHostAddress()).isEqualTo("157.240.22.20");
    }

    @Test
    void theFlagOpensLoopbackAndPrivateRangesButNotLinkLocalOrSpecialOnes() throws Exception {
        OutboundPolicy open = policy(true, 8080);
        for (String a : List.of("127.0.0.1", "::1", "10.0.0.1", "172.20.1.1", "192.168.1.10", "100.64.1.1", "fd00::5")) {
            answer("sandbox.test", a);
            assertThat(open.checkSetting("api_base_url", "http://sandbox.test:9000/", Set.of("sandbox.test")).address())
                    .isEqualTo(InetAddress.getByName(a));
        }
        for (String a : List.of("169.254.169.254", "fe80::1", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "192.0.2.1")) {
            answer("sandbox.test", a);
            Refused e = refused(open, "http://sandbox.test:9000/", Set.of("sandbox.test"));
            assertThat(e.reason()).as(a).isEqualTo(Reason.BLOCKED_ADDRESS);
            assertThat(e.getMessage()).contains("Goalpost never calls such addresses");
        }
    }

    @Test
    void theServersOwnPortOnAnyLocalAddressIsRefusedEvenWithTheFlag() throws Exception {
        OutboundPolicy open = policy(true, 8080);
        for (String a : List.of("127.0.0.1", "127.0.0.2", "::1")) {
            answer("sandbox.test", a);
            Refused e = refused(open, "http://sandbox.test:8080/", Set.of("sandbox.test"));
            assertThat(e.reason()).as(a).isEqualTo(Reason.OWN_PORT);
            assertThat(e.getMessage()).contains("Goalpost itself");
            assertThat(open.checkSetting("api_base_url", "http://sandbox.test:8081/", Set.of("sandbox.test"))).isNotNull();
        }
        // The default port counts: Goalpost on port 80 or 443 cannot be reached through a URL without a port.
        answer("sandbox.test", "127.0.0.1");
        assertThat(refused(policy(true, 80), "http://sandbox.test/", Set.of("sandbox.test")).reason()).isEqualTo(Reason.OWN_PORT);
        assertThat(refused(policy(true, 443), "https://sandbox.test/", Set.of("sandbox.test")).reason()).isEqualTo(Reason.OWN_PORT);
        // An address of one of this machine's interfaces, even a public one, on the server's port.
        for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                OutboundPolicy.Range range = OutboundPolicy.classify(a);
                if (!a.isLoopbackAddress() && (range == null || range.privateNetwork())) {
                    dns.put("me.test", List.of(a));
                    assertThat(refused(open, "http://me.test:8080/", Set.of("me.test")).reason()).as(a.toString())
                            .isEqualTo(Reason.OWN_PORT);
                    assertThat(open.checkSetting("api_base_url", "http://me.test:8081/", Set.of("me.test"))).isNotNull();
                }
            }
        }
        // Another machine on the same port number is not Goalpost.
        answer("api.example.com", "157.240.22.19");
        assertThat(policy(false, 8080).checkSetting("api_base_url", "https://api.example.com:8080/", Set.of("api.example.com")))
                .isNotNull();
    }

    @Test
    void aNameThatDoesNotResolveIsRefusedInWords() {
        Refused e = refused(policy(false, 8080), "https://graph.facebook.com/v25.0", PLUGIN);
        assertThat(e.reason()).isEqualTo(Reason.UNRESOLVED);
        assertThat(e.getMessage()).isEqualTo("api_base_url: the name 'graph.facebook.com' does not resolve to an address");
    }

    @Test
    void requestsAreCheckedWithTheHostAsSubject() throws Exception {
        answer("graph.facebook.com", "10.9.8.7");
        assertThatThrownBy(() -> policy(false, 8080).checkRequest(URI.create("https://graph.facebook.com/v25.0/me"), PLUGIN))
                .isInstanceOf(Refused.class)
                .hasMessage("the request to graph.facebook.com points at a private address (10.9.8.7); Goalpost refuses it "
                        + "unless started with --allow-private-api-hosts");
    }
}
