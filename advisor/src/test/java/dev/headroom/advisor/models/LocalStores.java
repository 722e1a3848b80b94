package dev.headroom.advisor.models;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Model stores as their tools lay them out, made in a test folder.
 *
 * <p>Ollama (docs/faq.md "Where are models stored?", and the store format of ollama/server/manifest.go): an OCI
 * image manifest at {@code manifests/<host>/<namespace>/<model>/<tag>} lists layers by media type and sha256 digest;
 * each layer is {@code blobs/sha256-<hex>}. Hugging Face hub cache (huggingface_hub docs "Manage the cache"):
 * {@code models--ORG--NAME/refs/main} holds the commit, {@code snapshots/<commit>/} the files.
 */
public final class LocalStores {
    private LocalStores() {
    }

    /** Installs {@code gguf} as the model layer of {@code name} ({@code host/namespace/model/tag}) in an Ollama store. */
    public static Path ollama(Path models, String manifestPath, byte[] gguf) throws IOException {
        String hex = sha256(gguf);
        Path blob = models.resolve("blobs").resolve("sha256-" + hex);
        Files.createDirectories(blob.getParent());
        Files.write(blob, gguf);
        Path manifest = models.resolve("manifests").resolve(manifestPath);
        Files.createDirectories(manifest.getParent());
        Files.writeString(manifest, """
                {"schemaVersion":2,"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                 "config":{"mediaType":"application/vnd.docker.container.image.v1+json","digest":"sha256:%s","size":2},
                 "layers":[{"mediaType":"application/vnd.ollama.image.model","digest":"sha256:%s","size":%d},
                           {"mediaType":"application/vnd.ollama.image.license","digest":"sha256:%s","size":2}]}
                """.formatted(hex, hex, gguf.length, hex), StandardCharsets.UTF_8);
        return blob;
    }

    /** Puts {@code file} into a Hugging Face cache snapshot of {@code org/repo} named by {@code refs/main}. */
    public static Path huggingFace(Path hub, String org, String repo, String file, byte[] bytes) throws IOException {
        String commit = "0123456789abcdef0123456789abcdef01234567";
        Path repoDir = hub.resolve("models--" + org + "--" + repo);
        Path snapshot = repoDir.resolve("snapshots").resolve(commit);
        Files.createDirectories(snapshot);
        Files.createDirectories(repoDir.resolve("refs"));
        Files.writeString(repoDir.resolve("refs").resolve("main"), commit);
        Path f = snapshot.resolve(file);
        Files.write(f, bytes);
        return f;
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
