package io.goalpost.platform;

import io.goalpost.plugin.signing.SigningKey;
import io.goalpost.plugin.signing.TrustedKey;
import io.goalpost.plugin.signing.ZipSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code goalpost plugin keygen NAME} and {@code goalpost plugin sign KEY ZIP}: for plugin publishers. */
@Command(name = "plugin", mixinStandardHelpOptions = true, description = "Create a publisher's signing key; sign plugin zips.",
        subcommands = {PluginCommand.Keygen.class, PluginCommand.Sign.class})
final class PluginCommand implements Runnable {

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "keygen", mixinStandardHelpOptions = true,
            description = "Create an Ed25519 signing key: NAME.key (private: keep it secret) and NAME.pub (give it to operators).")
    static final class Keygen implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "NAME", description = "Publisher name, e.g. acme-plugins (letters, digits, . _ @ -)")
        String name;
        @picocli.CommandLine.Option(names = "--out", defaultValue = ".", description = "Folder to write the two files to (default: here)")
        Path out;

        @Override
        public Integer call() throws Exception {
            Path key = out.resolve(name.replace(' ', '-') + ".key");
            Path pub = out.resolve(name.replace(' ', '-') + ".pub");
            if (Files.exists(key) || Files.exists(pub)) {
                System.err.println("goalpost: " + key + " or " + pub + " exists already: not overwritten");
                return 2;
            }
            SigningKey generated;
            try {
                generated = SigningKey.generate(name);
            } catch (IllegalArgumentException e) {
                System.err.println("goalpost: " + e.getMessage());
                return 2;
            }
            Files.createDirectories(out);
            generated.write(key);
            generated.publicKey().write(pub);
            System.out.println("Wrote " + key + " (private, mode 600: keep it secret) and " + pub + " (key id "
                    + generated.publicKey().id() + ").");
            System.out.println("Operators trust it by copying " + pub.getFileName() + " into <data-dir>/trusted-keys/ or with"
                    + " --trusted-plugin-key.");
            return 0;
        }
    }

    @Command(name = "sign", mixinStandardHelpOptions = true, description = "Sign plugin zips in place with a key from 'plugin keygen'.")
    static final class Sign implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KEY", description = "The private key file (NAME.key)")
        Path key;
        @Parameters(index = "1..*", arity = "1..*", paramLabel = "ZIP", description = "Plugin zips to sign")
        List<Path> zips;

        @Override
        public Integer call() {
            try {
                SigningKey signing = SigningKey.read(key);
                for (Path zip : zips) {
                    ZipSigner.sign(zip, signing);
                    Path sidecar = zip.resolveSibling(zip.getFileName() + ".sha512");
                    if (Files.exists(sidecar)) {
                        // The old checksum no longer matches the signed zip: write the new one.
                        Files.writeString(sidecar, java.util.HexFormat.of().formatHex(java.security.MessageDigest
                                .getInstance("SHA-512").digest(Files.readAllBytes(zip))) + "\n");
                    }
                    TrustedKey pub = signing.publicKey();
                    System.out.println("Signed " + zip + " as " + pub.name() + " (key id " + pub.id() + ")");
                }
                return 0;
            } catch (Exception e) {
                System.err.println("goalpost: could not sign: " + e.getMessage());
                return 1;
            }
        }
    }
}
