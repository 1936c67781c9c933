package org.dicom2fhir.batch;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.WarningCode;
import org.dicom2fhir.core.InstanceFacts;

/**
 * Instance facts in the store: each instance's own values as a few strings, and its patient, study and series
 * groups (shared by every instance of a study or series) stored once each, under the hex SHA-256 of their Java
 * serialisation. An instance then takes about 200 bytes instead of the kilobytes of its serialised groups.
 * Encoding is single-threaded per codec (its cache of recent groups is not synchronised).
 */
final class FactCodec {
    private static final int VERSION = 1;
    /** Recently stored groups: equal groups of one study's instances are hashed once. */
    private static final int GROUP_CACHE = 4096;

    private final Map<Object, String> recentGroups = new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Object, String> eldest) {
            return size() > GROUP_CACHE;
        }
    };

    /** A stored instance: where it was found and its facts. */
    record Stored(int root, InstanceFacts facts) {
    }

    /**
     * Encodes one instance; calls {@code storeGroup} with (key, bytes) for each group not stored recently (the
     * store keeps the first copy of a key).
     */
    byte[] encode(int root, InstanceFacts facts, BiConsumer<String, byte[]> storeGroup) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeByte(VERSION);
            out.writeInt(root);
            writeString(out, facts.path());
            writeString(out, facts.studyInstanceUid());
            writeString(out, facts.seriesInstanceUid());
            writeString(out, facts.sopInstanceUid());
            writeString(out, facts.sopClassUid());
            writeNullable(out, facts.instanceNumber());
            writeNullable(out, facts.title());
            writeNullable(out, facts.imageLaterality());
            writeNullable(out, facts.timezoneOffset());
            writeString(out, group(facts.patient(), storeGroup));
            writeString(out, group(facts.study(), storeGroup));
            writeString(out, group(facts.series(), storeGroup));
            out.writeInt(facts.warnings().size());
            for (Warning w : facts.warnings()) {
                writeString(out, w.code().name());
                writeString(out, w.message());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    /**
     * Decodes one instance.
     *
     * @param groups the stored group bytes by key; decoded groups are cached in {@code decoded} (one study's)
     */
    static Stored decode(byte[] encoded, Function<String, byte[]> groups, Map<String, Object> decoded) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(encoded))) {
            int version = in.readUnsignedByte();
            if (version != VERSION) {
                throw new IllegalStateException("the store holds facts of format " + version + ", this version reads "
                        + VERSION + ": start again with --restart");
            }
            int root = in.readInt();
            String path = readString(in);
            String study = readString(in);
            String series = readString(in);
            String sop = readString(in);
            String sopClass = readString(in);
            String instanceNumber = readNullable(in);
            String title = readNullable(in);
            String laterality = readNullable(in);
            String timezone = readNullable(in);
            InstanceFacts.Patient patient = (InstanceFacts.Patient) group(readString(in), groups, decoded);
            InstanceFacts.Study studyGroup = (InstanceFacts.Study) group(readString(in), groups, decoded);
            InstanceFacts.Series seriesGroup = (InstanceFacts.Series) group(readString(in), groups, decoded);
            int warningCount = in.readInt();
            List<Warning> warnings = new ArrayList<>(warningCount);
            for (int i = 0; i < warningCount; i++) {
                warnings.add(new Warning(WarningCode.valueOf(readString(in)), readString(in)));
            }
            return new Stored(root, new InstanceFacts(path, study, series, sop, sopClass, instanceNumber, title,
                    laterality, timezone, patient, studyGroup, seriesGroup, warnings));
        } catch (IOException e) {
            throw new UncheckedIOException("the store holds damaged facts", e);
        }
    }

    private String group(Serializable group, BiConsumer<String, byte[]> storeGroup) {
        String key = recentGroups.get(group);
        if (key != null) {
            return key;
        }
        byte[] bytes = serialise(group);
        key = sha256(bytes);
        storeGroup.accept(key, bytes);
        recentGroups.put(group, key);
        return key;
    }

    private static Object group(String key, Function<String, byte[]> groups, Map<String, Object> decoded) {
        Object group = decoded.get(key);
        if (group == null) {
            byte[] bytes = groups.apply(key);
            if (bytes == null) {
                throw new IllegalStateException("the store lacks the group " + key + ": start again with --restart");
            }
            try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                group = in.readObject();
            } catch (IOException | ClassNotFoundException e) {
                throw new IllegalStateException("the store holds a damaged group " + key + ": start again with --restart",
                        e);
            }
            decoded.put(key, group);
        }
        return group;
    }

    /** The key a group is stored under: equal groups, equal keys. */
    static String groupKey(Serializable group) {
        return sha256(serialise(group));
    }

    private static byte[] serialise(Serializable group) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(512);
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(group);
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    private static void writeNullable(DataOutputStream out, String value) throws IOException {
        out.writeBoolean(value != null);
        if (value != null) {
            writeString(out, value);
        }
    }

    /** Length-prefixed UTF-8 (writeUTF stops at 64 KB, which a hostile title can exceed). */
    static void writeString(DataOutputStream out, String value) throws IOException {
        byte[] utf8 = value.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, java.nio.charset.StandardCharsets.UTF_8);
    }

    private static String readNullable(DataInputStream in) throws IOException {
        return in.readBoolean() ? readString(in) : null;
    }
}
