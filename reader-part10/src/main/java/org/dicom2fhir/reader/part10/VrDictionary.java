package org.dicom2fhir.reader.part10;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.dicom2fhir.api.dicom.Vr;
import org.dicom2fhir.codec.internal.DataDictionary;

/**
 * The VR of a tag per the PS3.6 data dictionary. Needed only off the hot path: implicit VR elements
 * that are materialised, explicit VR elements whose VR code is invalid, and UN elements that are
 * materialised. Loaded on first use from a generated resource.
 */
final class VrDictionary {
    private VrDictionary() {
    }

    /** The VR the dictionary gives the tag, or {@code null} when the tag is unknown. */
    static Vr lookup(int tag) {
        return DataDictionary.vrOf(tag, VrDictionary::standard);
    }

    private static Vr standard(int tag) {
        int group = tag >>> 16;
        if ((group & 0xFF00) == 0x5000 || (group & 0xFF00) == 0x6000) {
            tag = (group & 0xFF00) << 16 | tag & 0xFFFF; // repeating groups (curves, overlays)
        }
        return Table.get(tag);
    }

    /** The "US or SS" elements of PS3.6, whose VR follows the Pixel Representation (the list pydicom uses). */
    private static final java.util.Set<Integer> US_OR_SS = java.util.Set.of(0x00189810, 0x00221452, 0x00280104, 0x00280105,
            0x00280106, 0x00280107, 0x00280108, 0x00280109, 0x00280110, 0x00280111, 0x00280120, 0x00280121, 0x00281101,
            0x00281102, 0x00281103, 0x00283002, 0x00409211, 0x00409216, 0x00603004, 0x00603006);

    /** Whether the tag is one whose VR is "US or SS" (the table lists it as US). */
    static boolean isUsOrSs(int tag) {
        return US_OR_SS.contains(tag);
    }

    /** Holder: the table is parsed once, when first needed, into an open-addressing hash table. */
    private static final class Table {
        private static final int EMPTY = 0; // (0000,0000) is a group length, answered before the table
        private static final int[] KEYS;
        private static final Vr[] VRS;
        private static final int MASK;

        static {
            int[] tags = new int[6000];
            Vr[] vrs = new Vr[6000];
            int n = 0;
            try (InputStream in = VrDictionary.class.getResourceAsStream("vr-dictionary.txt")) {
                if (in == null) {
                    throw new IllegalStateException("vr-dictionary.txt is missing from the reader's jar");
                }
                BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    if (line.isEmpty() || line.charAt(0) == '#') {
                        continue;
                    }
                    Vr vr = Vr.valueOf(line.substring(0, 2));
                    for (int at = 3; at + 8 <= line.length(); at += 9) {
                        if (n == tags.length) {
                            tags = Arrays.copyOf(tags, n * 2);
                            vrs = Arrays.copyOf(vrs, n * 2);
                        }
                        tags[n] = Integer.parseUnsignedInt(line, at, at + 8, 16);
                        vrs[n] = vr;
                        n++;
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot load vr-dictionary.txt", e);
            }
            int size = Integer.highestOneBit(Math.max(16, n * 3)) << 1; // load factor below 1/3
            KEYS = new int[size];
            VRS = new Vr[size];
            MASK = size - 1;
            for (int i = 0; i < n; i++) {
                if (tags[i] == EMPTY) {
                    continue;
                }
                int slot = slot(tags[i]);
                while (KEYS[slot] != EMPTY && KEYS[slot] != tags[i]) {
                    slot = (slot + 1) & MASK;
                }
                KEYS[slot] = tags[i];
                VRS[slot] = vrs[i];
            }
        }

        private static int slot(int tag) {
            return (tag * 0x9E3779B9 >>> 7) & MASK;
        }

        static Vr get(int tag) {
            for (int slot = slot(tag);; slot = (slot + 1) & MASK) {
                int key = KEYS[slot];
                if (key == tag) {
                    return VRS[slot];
                }
                if (key == EMPTY) {
                    return null;
                }
            }
        }
    }
}
