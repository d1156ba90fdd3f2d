package io.goalpost.platform.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Self-signed TLS certificates made with the JDK's keytool, for test servers that speak https. */
public final class TestCertificates {

    /** The password of every keystore made here. */
    public static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /**
     * A self-signed EC certificate for {@code cn} and the subject alternative names {@code san}
     * (e.g. "dns:localhost,ip:127.0.0.1"), valid two days: its PKCS12 keystore {@code <dir>/<name>.p12}
     * (alias {@code name}) and the certificate as PEM, {@code <dir>/<name>.pem}.
     *
     * @return the keystore; the PEM is beside it
     */
    public static Path selfSigned(Path dir, String name, String cn, String san) throws Exception {
        Path keystore = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=" + cn,
                "-ext", "SAN=" + san, "-validity", "2", "-storetype", "PKCS12", "-keystore", keystore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD);
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", keystore.toString(), "-storepass", PASSWORD,
                "-file", dir.resolve(name + ".pem").toString());
        return keystore;
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
