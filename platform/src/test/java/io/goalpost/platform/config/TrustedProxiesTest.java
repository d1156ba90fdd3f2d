package io.goalpost.platform.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** What {@code --trusted-proxies} takes: IPv4 and IPv6 addresses and CIDR ranges, nothing else. */
final class TrustedProxiesTest {

    private static InetAddress ip(String literal) {
        return TrustedProxies.address(literal).orElseThrow(() -> new AssertionError(literal + " is no address"));
    }

    @Test
    void addressesAndRangesOfBothFamiliesAreMatched() {
        TrustedProxies trusted = TrustedProxies.parse(" 127.0.0.1, 10.0.0.0/8 ,192.168.1.128/25,::1, fd00::/8,,2001:db8::/127");
        assertThat(trusted.toString()).isEqualTo("127.0.0.1/32,10.0.0.0/8,192.168.1.128/25,0:0:0:0:0:0:0:1/128,fd00:0:0:0:0:0:0:0/8,"
                + "2001:db8:0:0:0:0:0:0/127");
        for (String in : new String[] {"127.0.0.1", "10.0.0.0", "10.255.255.255", "10.1.2.3", "192.168.1.128", "192.168.1.255",
                "::1", "[::1]", "fd12:3456::1", "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff", "2001:db8::", "2001:db8::1",
                "::ffff:10.9.8.7"}) {
            assertThat(trusted.contains(ip(in))).as(in).isTrue();
        }
        for (String out : new String[] {"127.0.0.2", "11.0.0.1", "9.255.255.255", "192.168.1.127", "192.168.2.200", "::2",
                "fc00::1", "fe00::1", "2001:db8::2", "0.0.0.0", "::"}) {
            assertThat(trusted.contains(ip(out))).as(out).isFalse();
        }
        // an IPv4 range never matches IPv6 addresses and back
        assertThat(TrustedProxies.parse("0.0.0.0/0").contains(ip("::1"))).isFalse();
        assertThat(TrustedProxies.parse("::/0").contains(ip("10.0.0.1"))).isFalse();
        assertThat(TrustedProxies.parse("::/0").contains(ip("2001:db8::1"))).isTrue();
        assertThat(TrustedProxies.parse("::ffff:10.0.0.0/104").contains(ip("10.200.0.1"))).isTrue();
    }

    @Test
    void blankTrustsNobody() {
        assertThat(TrustedProxies.parse("")).isEqualTo(TrustedProxies.NONE);
        assertThat(TrustedProxies.parse(" , ")).isEqualTo(TrustedProxies.NONE);
        assertThat(TrustedProxies.parse(null).isEmpty()).isTrue();
        assertThat(TrustedProxies.NONE.contains(ip("127.0.0.1"))).isFalse();
        assertThat(HttpBinding.loopback().trustedProxies()).isEqualTo(TrustedProxies.NONE);
    }

    @Test
    void anythingButAnAddressOrRangeIsRefusedWithTheEntryNamed() {
        for (String bad : new String[] {"localhost", "proxy.example.com", "10.0.0.300", "10.0.0", "1.2.3.4.5", "10.0.0.1-10.0.0.9",
                "2001:db8:::1", "*", "10.0.0.0/8x"}) {
            assertThatThrownBy(() -> TrustedProxies.parse("127.0.0.1," + bad)).as(bad)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("--trusted-proxies: '" + bad + "'");
        }
        assertThatThrownBy(() -> TrustedProxies.parse("localhost")).hasMessageContaining("host names are not taken");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/33")).hasMessageContaining("0-32 for an IPv4 address");
        assertThatThrownBy(() -> TrustedProxies.parse("fd00::/129")).hasMessageContaining("0-128 for an IPv6 address");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/-1")).hasMessageContaining("prefix length");
        assertThatThrownBy(() -> TrustedProxies.parse("10.0.0.0/")).hasMessageContaining("prefix length");
        // a typo that would trust far more than meant
        assertThatThrownBy(() -> TrustedProxies.parse("10.1.2.3/8"))
                .hasMessageContaining("write the range as 10.0.0.0/8, or the single address as 10.1.2.3");
    }
}
