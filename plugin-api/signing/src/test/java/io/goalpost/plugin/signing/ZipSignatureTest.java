package io.goalpost.plugin.signing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing a plugin zip and refusing every zip whose signature does not hold. */
final class ZipSignatureTest {

    private static final SigningKey PUBLISHER = SigningKey.generate("Acme Plugins");

    @Test
    void aSignedZipVerifiesWithThePublishersKeyAfterKeyFilesRoundTrip(@TempDir Path dir) throws Exception {
        PUBLISHER.write(dir.resolve("acme.key"));
        PUBLISHER.publicKey().write(dir.resolve("acme.pub"));
        SigningKey reread = SigningKey.read(dir.resolve("acme.key"));
        byte[] signed = ZipSigner.sign(zip("plugin.properties", "plugin.id=acme\n", "classes/A.class", "code"), reread);

        TrustedKey key = ZipVerifier.verify(ZipDigest.of(signed), List.of(TrustedKey.read(dir.resolve("acme.pub"))));
        assertThat(key.name()).isEqualTo("Acme Plugins");
        assertThat(key.id()).isEqualTo(PUBLISHER.publicKey().id()).hasSize(16);
    }

    @Test
    void refusesUnsignedTamperedAndUnknownKeyZips() throws Exception {
        byte[] unsigned = zip("plugin.properties", "plugin.id=acme\n", "classes/A.class", "code");
        assertThatThrownBy(() -> ZipVerifier.verify(ZipDigest.of(unsigned), List.of(PUBLISHER.publicKey())))
                .hasMessageContaining("unsigned");

        byte[] signed = ZipSigner.sign(unsigned, PUBLISHER);
        ZipDigest original = ZipDigest.of(signed);
        byte[] tampered = zip("plugin.properties", "plugin.id=acme\n", "classes/A.class", "evil",
                PluginSignature.ENTRY, original.signature().orElseThrow());
        assertThatThrownBy(() -> ZipVerifier.verify(ZipDigest.of(tampered), List.of(PUBLISHER.publicKey())))
                .hasMessageContaining("bad signature");
        byte[] added = zip("plugin.properties", "plugin.id=acme\n", "classes/A.class", "code", "lib/extra.jar", "x",
                PluginSignature.ENTRY, original.signature().orElseThrow());
        assertThatThrownBy(() -> ZipVerifier.verify(ZipDigest.of(added), List.of(PUBLISHER.publicKey())))
                .hasMessageContaining("bad signature");

        SigningKey stranger = SigningKey.generate("Stranger");
        assertThatThrownBy(() -> ZipVerifier.verify(ZipDigest.of(ZipSigner.sign(unsigned, stranger)), List.of(PUBLISHER.publicKey())))
                .hasMessageContaining("unknown key " + stranger.publicKey().id());
    }

    @Test
    void refusesZipsThatWouldUnpackOutsideTheirFolderOrHideAFileTwice() throws IOException {
        assertThatThrownBy(() -> ZipDigest.of(zip("../evil.sh", "x"))).hasMessageContaining("outside");
        assertThatThrownBy(() -> ZipDigest.of("not a zip".getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }

    @Test
    void signingTwiceGivesTheSameBytes() throws IOException {
        byte[] unsigned = zip("plugin.properties", "plugin.id=acme\n");
        assertThat(ZipSigner.sign(ZipSigner.sign(unsigned, PUBLISHER), PUBLISHER)).isEqualTo(ZipSigner.sign(unsigned, PUBLISHER));
    }

    static byte[] zip(String... namesAndContents) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream z = new ZipOutputStream(out)) {
            for (int i = 0; i < namesAndContents.length; i += 2) {
                z.putNextEntry(new ZipEntry(namesAndContents[i]));
                z.write(namesAndContents[i + 1].getBytes(StandardCharsets.UTF_8));
                z.closeEntry();
            }
        }
        return out.toByteArray();
    }
}
