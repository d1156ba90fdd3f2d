package io.goalpost.platform.config;

import io.netty.util.NetUtil;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The reverse proxies whose {@code X-Forwarded-For} and {@code X-Forwarded-Proto} headers are believed
 * ({@code --trusted-proxies}, {@code GOALPOST_TRUSTED_PROXIES}): IP addresses and CIDR ranges, IPv4 and
 * IPv6. Empty by default: then those headers are ignored whoever sends them.
 *
 * <p>Only literal addresses are taken, never host names: a name would be looked up in DNS, whose answer
 * can change (or be forged) after the check.
 *
 * @param ranges the addresses and ranges, as given (a single address is a range of one)
 */
public record TrustedProxies(List<Range> ranges) {

    /** No proxy is trusted: the default. */
    public static final TrustedProxies NONE = new TrustedProxies(List.of());

    private static final String EXAMPLE = "e.g. 127.0.0.1,::1 or 10.0.0.0/8,fd00::/8";

    /**
     * One address or CIDR range.
     *
     * @param network the first address of the range (its bits past the prefix are zero)
     * @param prefixLength how many leading bits an address must share with {@code network}
     */
    public record Range(InetAddress network, int prefixLength) {

        public Range {
            Objects.requireNonNull(network, "network is null");
            int bits = network.getAddress().length * 8;
            if (prefixLength < 0 || prefixLength > bits) {
                throw new IllegalArgumentException("prefix length " + prefixLength + " is not 0-" + bits);
            }
        }

        /** Whether {@code address} lies in this range (an IPv4 address is never in an IPv6 range, and back). */
        public boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            byte[] n = network.getAddress();
            if (a.length != n.length) {
                return false;
            }
            int full = prefixLength / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != n[i]) {
                    return false;
                }
            }
            int rest = prefixLength % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (a[full] & mask) == (n[full] & mask);
        }

        @Override
        public String toString() {
            return network.getHostAddress() + "/" + prefixLength;
        }
    }

    public TrustedProxies {
        ranges = List.copyOf(ranges);
    }

    /**
     * Reads a comma-separated list of addresses and CIDR ranges ({@code 127.0.0.1}, {@code 10.0.0.0/8},
     * {@code ::1}, {@code fd00::/8}); blank gives {@link #NONE}. Anything else is refused with an
     * {@link IllegalArgumentException} naming the option and the entry.
     */
    public static TrustedProxies parse(String text) {
        if (text == null || text.isBlank()) {
            return NONE;
        }
        List<Range> ranges = new ArrayList<>();
        for (String item : text.split(",")) {
            String entry = item.strip();
            if (!entry.isEmpty()) {
                ranges.add(range(entry));
            }
        }
        return new TrustedProxies(ranges);
    }

    private static Range range(String entry) {
        int slash = entry.indexOf('/');
        String addressText = slash < 0 ? entry : entry.substring(0, slash).strip();
        InetAddress address = address(addressText).orElseThrow(() -> new IllegalArgumentException("--trusted-proxies: '"
                + entry + "' is not an IP address or CIDR range (" + EXAMPLE + "; host names are not taken)"));
        int bits = address.getAddress().length * 8;
        int prefix = bits;
        if (slash >= 0) {
            String length = entry.substring(slash + 1).strip();
            try {
                prefix = Integer.parseInt(length);
            } catch (NumberFormatException e) {
                prefix = -1;
            }
            if (addressText.contains(":") && address instanceof Inet4Address) {
                prefix -= 96; // ::ffff:a.b.c.d/n, an IPv4 range written as IPv6
            }
            if (prefix < 0 || prefix > bits || !length.chars().allMatch(Character::isDigit)) {
                throw new IllegalArgumentException("--trusted-proxies: '" + entry + "' has no valid prefix length (0-"
                        + bits + " for an " + (bits == 32 ? "IPv4" : "IPv6") + " address)");
            }
        }
        Range range = new Range(masked(address, prefix), prefix);
        if (!range.network().equals(address)) {
            throw new IllegalArgumentException("--trusted-proxies: '" + entry + "' has address bits past its prefix length:"
                    + " write the range as " + range + ", or the single address as " + address.getHostAddress());
        }
        return range;
    }

    private static InetAddress masked(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - i * 8));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e); // not for 4 or 16 bytes
        }
    }

    /**
     * An IP address literal (IPv4, IPv6 with or without brackets; a zone such as {@code %eth0} is
     * dropped), without any DNS look-up; empty for anything else. IPv4-mapped IPv6 addresses
     * ({@code ::ffff:10.0.0.1}) come back as the IPv4 address.
     */
    public static Optional<InetAddress> address(String literal) {
        if (literal == null) {
            return Optional.empty();
        }
        String s = literal.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        int zone = s.indexOf('%');
        if (zone >= 0) {
            s = s.substring(0, zone);
        }
        byte[] bytes = NetUtil.createByteArrayFromIpAddressString(s);
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    /** Whether no proxy is trusted. */
    public boolean isEmpty() {
        return ranges.isEmpty();
    }

    /** Whether {@code address} is one of the trusted proxies. */
    public boolean contains(InetAddress address) {
        return address != null && ranges.stream().anyMatch(r -> r.contains(address));
    }

    @Override
    public String toString() {
        return ranges.isEmpty() ? "none" : ranges.stream().map(Range::toString).collect(Collectors.joining(","));
    }
}
