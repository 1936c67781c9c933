package org.dicom2fhir.core.internal.source;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.dicom2fhir.api.Limit;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.dicom.DicomDataSet;
import org.dicom2fhir.api.dicom.DicomElement;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.LimitExceededException;
import org.dicom2fhir.api.dicom.NotDicomException;
import org.dicom2fhir.api.dicom.ReadDamage;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.dicom.Tags;
import org.dicom2fhir.api.dicom.Vr;

/**
 * DICOM JSON (PS3.18 Annex F) with Jackson's streaming parser: one instance (an object), many (an
 * array, as a WADO-RS metadata response) or one object per line (NDJSON, or any sequence of root
 * objects). Each instance becomes what a reader gives for a file: its requested elements with their
 * VRs (text as the Part 10 readers give it: PN groups joined with {@code =}, numbers as written, FL/FD
 * and binary integers rendered as those readers render them), no File Meta and no transfer syntax
 * (the JSON model has neither). {@code BulkDataURI}, {@code InlineBinary} and (0008,0005) are ignored:
 * JSON text is UTF-8, and bulk data is never read; like a Part 10 reader, nothing from Pixel Data on.
 *
 * <p>Recognised when the first instance's first key is a tag (8 hex digits) whose attribute has a
 * {@code vr}; before that, anything else is {@link NotDicomException}. After it, damage fails or
 * damages the instance it is in, as for a Part 10 file: the top-level elements read before it are
 * kept ({@link ReadDamage}), or the instance fails when there are none. A broken structure inside an
 * instance (a key that is no tag, a missing or unknown VR, a value of the wrong kind) skips the rest
 * of that instance and reading goes on; broken JSON syntax and a cut file end the reading there.
 * Limits: sequences nested past {@link Limit#MAX_NESTING_DEPTH} and instances longer than
 * {@link Limit#MAX_HEADER_BYTES} (also any one string value) fail their instance.
 */
public final class DicomJson {
    /** Receives each instance in order, numbered from 0; exactly one call per instance. */
    public interface Instances {
        void instance(int index, DicomReadResult result);

        void failed(int index, DicomReadException failure);
    }

    /** What a JSON source gives for the transfer syntax: the JSON model has none. */
    public static final String NO_TRANSFER_SYNTAX = "";

    /** JSON levels per sequence level: the attribute's object, its Value array, the item's object. */
    private static final int JSON_LEVELS_PER_SEQUENCE = 3;
    /**
     * Sequence levels read at most, whatever the nesting limit says: items are read by recursion, and
     * this keeps it far from a thread's stack size (a deeper file fails as too deep).
     */
    static final int MAX_SEQUENCE_LEVELS = 500;

    private DicomJson() {
    }

    /**
     * Reads every instance of the stream (which is not closed).
     *
     * @throws NotDicomException the content is not DICOM JSON; nothing was given to {@code instances}
     * @throws IOException       the stream itself failed before the content was recognised
     */
    public static void read(InputStream in, ReadOptions options, Instances instances) throws IOException {
        JsonFactory factory = JsonFactory.builder().streamReadConstraints(StreamReadConstraints.builder()
                .maxNestingDepth(Math.min(options.maxNestingDepth(), MAX_SEQUENCE_LEVELS) * JSON_LEVELS_PER_SEQUENCE + 6)
                .maxStringLength((int) Math.min(Integer.MAX_VALUE, options.maxHeaderBytes()))
                .build()).build();
        factory.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
        JsonParser created;
        try {
            created = factory.createParser(new FullReads(in)); // reads the first bytes to guess the encoding
        } catch (DicomReadException e) {
            throw e;
        } catch (IOException e) {
            if (isUnreadableJson(e)) {
                throw notDicom("bytes that are no JSON text");
            }
            throw e;
        }
        try (JsonParser parser = created) {
            new Reading(parser, options, instances).all();
        }
    }

    /** One file's reading: where the parser stands, which instance it is in. */
    private static final class Reading {
        private final JsonParser parser;
        private final ReadOptions options;
        private final Instances instances;
        private int index;
        private boolean recognised;
        private long instanceStart;
        /** Top-level elements of the instance being read, kept when damage stops it. */
        private List<DicomElement> topLevel;
        private int currentTag = DicomReadException.NO_TAG;

        Reading(JsonParser parser, ReadOptions options, Instances instances) {
            this.parser = parser;
            this.options = options;
            this.instances = instances;
        }

        void all() throws IOException {
            JsonToken first = nextOrNotDicom();
            if (first == JsonToken.START_ARRAY) {
                JsonToken t = nextOrNotDicom();
                while (t != JsonToken.END_ARRAY) {
                    if (t != JsonToken.START_OBJECT) {
                        malformedBetweenInstances("an array element that is no object");
                        return;
                    }
                    if (!instance()) {
                        return;
                    }
                    t = nextBetweenInstances();
                    if (t == null) {
                        return;
                    }
                }
                if (!recognised) {
                    throw notDicom("a JSON array without instances");
                }
                return;
            }
            JsonToken t = first;
            while (t != null) { // root objects one after the other: one object, or NDJSON
                if (t != JsonToken.START_OBJECT) {
                    malformedBetweenInstances("a root value that is no object");
                    return;
                }
                if (!instance()) {
                    return;
                }
                t = nextBetweenInstances();
            }
        }

        /** The next token before anything was recognised: any failure means not DICOM JSON. */
        private JsonToken nextOrNotDicom() throws IOException {
            try {
                JsonToken t = parser.nextToken();
                if (t != JsonToken.START_OBJECT && t != JsonToken.START_ARRAY && !recognised) {
                    throw notDicom("JSON whose values are not DICOM attributes");
                }
                return t;
            } catch (NotDicomException e) {
                throw e;
            } catch (DicomReadException e) {
                throw e; // the stream's own damage (an archive entry)
            } catch (IOException e) {
                if (!recognised && isUnreadableJson(e)) {
                    throw notDicom("not JSON, or JSON that ends before any DICOM attribute");
                }
                throw e;
            }
        }

        /** The token after an instance; null at the end, or after reporting damage that ends the reading. */
        private JsonToken nextBetweenInstances() {
            try {
                return parser.nextToken();
            } catch (IOException e) {
                instances.failed(index, asFailure(e, "after instance " + (index - 1)));
                return null;
            }
        }

        private void malformedBetweenInstances(String what) throws NotDicomException {
            if (!recognised) {
                throw notDicom("JSON holding " + what);
            }
            instances.failed(index, new DicomReadException(ReasonCode.MALFORMED, "The DICOM JSON holds " + what
                    + " where instance " + index + " should start; reading stopped there.", DicomReadException.NO_TAG,
                    parser.currentTokenLocation().getByteOffset()));
        }

        /**
         * Reads one instance, the parser at its START_OBJECT; reports it. False when the reading cannot
         * go on after it (broken syntax, a cut file, a stream failure).
         */
        private boolean instance() throws IOException {
            instanceStart = parser.currentTokenLocation().getByteOffset();
            topLevel = new ArrayList<>();
            currentTag = DicomReadException.NO_TAG;
            int depth = parser.getParsingContext().getNestingDepth();
            try {
                dataSet(1, topLevel, true);
                instances.instance(index, result(topLevel, null));
                index++;
                return true;
            } catch (NotDicomException e) {
                throw e;
            } catch (LimitExceededException e) {
                instances.failed(index++, e);
                return skipRestOfInstance(depth);
            } catch (Structure e) {
                if (!recognised) {
                    throw notDicom("JSON whose keys are not DICOM tags with a vr");
                }
                damaged(e.failure);
                return skipRestOfInstance(depth);
            } catch (IOException e) {
                if (!recognised && !(e instanceof DicomReadException)) {
                    throw notDicom("not JSON, or JSON that breaks before any DICOM attribute");
                }
                DicomReadException failure = asFailure(e, "in instance " + index);
                if (failure instanceof LimitExceededException) {
                    instances.failed(index++, failure);
                } else {
                    damaged(failure);
                }
                return false;
            }
        }

        /** Damage keeps the instance's complete top-level elements, or fails it when there are none. */
        private void damaged(DicomReadException failure) {
            if (topLevel.isEmpty()) {
                instances.failed(index++, failure);
            } else {
                instances.instance(index++, result(topLevel, new ReadDamage(failure.reason(), failure.tag(),
                        failure.offset(), failure.getMessage())));
            }
        }

        private boolean skipRestOfInstance(int depth) {
            try {
                while (parser.getParsingContext().getNestingDepth() >= depth) {
                    if (parser.nextToken() == null) {
                        return false;
                    }
                }
                return true;
            } catch (IOException e) {
                return false; // the instance is reported already; nothing after it can be found
            }
        }

        private DicomReadResult result(List<DicomElement> elements, ReadDamage damage) {
            return new DicomReadResult(NO_TRANSFER_SYNTAX, DicomDataSet.empty(), DicomDataSet.of(elements), List.of(),
                    damage);
        }

        /**
         * The attributes of one data set, the parser at its START_OBJECT; {@code level} 1 is an
         * instance, deeper levels are sequence items.
         */
        private void dataSet(int level, List<DicomElement> into, boolean instanceLevel) throws IOException {
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int tag = tag(key);
                if (tag == -1) {
                    throw structure("a key that is not a tag (8 hex digits)", DicomReadException.NO_TAG);
                }
                if (instanceLevel) {
                    currentTag = tag;
                    checkSize();
                }
                if (parser.nextToken() != JsonToken.START_OBJECT) {
                    throw structure("an attribute that is not a JSON object", tag);
                }
                // as a Part 10 reader: nothing from Pixel Data on (only padding and signatures follow it)
                boolean ignored = tag == Tags.SPECIFIC_CHARACTER_SET
                        || instanceLevel && (!options.wants(tag) || Integer.compareUnsigned(tag, Tags.PIXEL_DATA) >= 0);
                if (ignored) {
                    if (!recognised) {
                        attribute(tag, level); // the first attribute decides whether this is DICOM JSON
                    } else {
                        parser.skipChildren();
                    }
                    continue;
                }
                DicomElement element = attribute(tag, level);
                if (element != null) {
                    into.add(element);
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw structure("a data set that is not a JSON object", DicomReadException.NO_TAG);
            }
            if (instanceLevel) {
                checkSize();
                if (!recognised) {
                    throw notDicom("a JSON object without DICOM attributes");
                }
            }
        }

        /** One attribute, the parser at its START_OBJECT; null for (0008,0005), which JSON does not need. */
        private DicomElement attribute(int tag, int level) throws IOException {
            Vr vr = null;
            List<Object> values = null;
            long valueOffset = -1;
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String field = parser.currentName();
                JsonToken value = parser.nextToken();
                switch (field) {
                    case "vr" -> {
                        vr = value == JsonToken.VALUE_STRING ? Vr.of(parser.getText()) : null;
                        if (vr == null) {
                            throw structure("an attribute whose vr is not a DICOM VR", tag);
                        }
                        recognised = true;
                    }
                    case "Value" -> {
                        if (value != JsonToken.START_ARRAY) {
                            throw structure("a Value that is not a JSON array", tag);
                        }
                        valueOffset = parser.currentTokenLocation().getByteOffset();
                        values = values(tag, level);
                    }
                    default -> parser.skipChildren(); // BulkDataURI, InlineBinary, anything else
                }
            }
            if (t != JsonToken.END_OBJECT) {
                throw structure("an attribute that is not a JSON object", tag);
            }
            if (vr == null) {
                throw !recognised ? notDicom("JSON whose first attribute has no vr") : structure("an attribute without a vr", tag);
            }
            if (tag == Tags.SPECIFIC_CHARACTER_SET) {
                return null;
            }
            if (vr == Vr.SQ && level > Math.min(options.maxNestingDepth(), MAX_SEQUENCE_LEVELS)) {
                // the parser's own nesting limit keeps the recursion bounded until this check is reached
                throw new LimitExceededException(Limit.MAX_NESTING_DEPTH, "Sequences are nested deeper than "
                        + Math.min(options.maxNestingDepth(), MAX_SEQUENCE_LEVELS) + " levels at " + Tags.format(tag) + ".",
                        tag, valueOffset);
            }
            return element(tag, vr, values == null ? List.of() : values);
        }

        /** The members of a Value array as read: strings (null as ""), PN objects, or items. */
        private List<Object> values(int tag, int level) throws IOException {
            List<Object> values = new ArrayList<>();
            JsonToken t;
            while ((t = parser.nextToken()) != JsonToken.END_ARRAY) {
                switch (t) {
                    case VALUE_STRING, VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> values.add(parser.getText());
                    case VALUE_NULL -> values.add("");
                    case START_OBJECT -> values.add(objectValue(tag, level));
                    default -> throw structure("a value that is neither a string, a number, null nor an object", tag);
                }
            }
            return values;
        }

        /** A PN value's groups, or a sequence item (deeper by one level). */
        private Object objectValue(int tag, int level) throws IOException {
            List<DicomElement> item = new ArrayList<>();
            String[] groups = new String[3];
            boolean personName = false;
            JsonToken t;
            while ((t = parser.nextToken()) == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int group = switch (key) {
                    case "Alphabetic" -> 0;
                    case "Ideographic" -> 1;
                    case "Phonetic" -> 2;
                    default -> -1;
                };
                if (group >= 0) {
                    personName = true;
                    JsonToken v = parser.nextToken();
                    if (v != JsonToken.VALUE_STRING && v != JsonToken.VALUE_NULL) {
                        throw structure("a person name group that is not a string", tag);
                    }
                    groups[group] = v == JsonToken.VALUE_NULL ? "" : parser.getText();
                    continue;
                }
                if (personName) {
                    throw structure("a person name with a key other than Alphabetic, Ideographic or Phonetic", tag);
                }
                // an item: its keys are its attributes' tags, one level deeper
                itemAttribute(key, level + 1, item);
            }
            if (t != JsonToken.END_OBJECT) {
                throw structure("a value object that is not closed", tag);
            }
            return personName ? new PersonName(groups) : new Item(item);
        }

        /** One attribute of an item whose key was just read. */
        private void itemAttribute(String key, int level, List<DicomElement> item) throws IOException {
            int tag = tag(key);
            if (tag == -1) {
                throw structure("a key that is not a tag (8 hex digits)", DicomReadException.NO_TAG);
            }
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw structure("an attribute that is not a JSON object", tag);
            }
            DicomElement element = attribute(tag, level);
            if (element != null) {
                item.add(element);
            }
        }

        private DicomElement element(int tag, Vr vr, List<Object> values) throws Structure {
            if (vr == Vr.SQ) {
                List<DicomDataSet> items = new ArrayList<>(values.size());
                for (Object v : values) {
                    if (v instanceof Item item) {
                        items.add(DicomDataSet.of(item.elements()));
                    } else if (v instanceof String s && s.isEmpty()) {
                        items.add(DicomDataSet.empty()); // a null item
                    } else {
                        throw structure("a sequence value that is not an item", tag);
                    }
                }
                return DicomElement.ofItems(tag, items);
            }
            if (isBulk(vr)) {
                return DicomElement.ofStrings(tag, vr, List.of());
            }
            List<String> strings = new ArrayList<>(values.size());
            for (Object v : values) {
                strings.add(text(tag, vr, v));
            }
            if (isSingleValuedText(vr) && strings.size() == 1 && strings.get(0).isEmpty()) {
                strings = List.of(); // as Part 10: an empty LT/ST/UT/UR has no value
            }
            return DicomElement.ofStrings(tag, vr, strings);
        }

        private String text(int tag, Vr vr, Object v) throws Structure {
            if (vr == Vr.PN && v instanceof Item item && item.elements().isEmpty()) {
                return ""; // {}: a name without groups
            }
            if (v instanceof PersonName name) {
                if (vr != Vr.PN) {
                    throw structure("a person name object in an attribute whose VR is not PN", tag);
                }
                return name.joined();
            }
            if (!(v instanceof String s)) {
                throw structure("an item in an attribute whose VR is not SQ", tag);
            }
            if (s.isEmpty()) {
                return s;
            }
            try {
                return switch (vr) {
                    case FL -> Float.toString(Float.parseFloat(s));
                    case FD -> Double.toString(Double.parseDouble(s));
                    case US, SS, UL, SL, SV, UV -> new BigDecimal(s).toBigIntegerExact().toString();
                    case AT -> s.toUpperCase(java.util.Locale.ROOT);
                    default -> s;
                };
            } catch (NumberFormatException | ArithmeticException e) {
                throw structure("a " + vr + " value that is not a number of its kind", tag);
            }
        }

        private void checkSize() throws LimitExceededException {
            long read = parser.currentLocation().getByteOffset() - instanceStart;
            if (read > options.maxHeaderBytes()) {
                throw new LimitExceededException(Limit.MAX_HEADER_BYTES, "Instance " + index + " of the DICOM JSON is"
                        + " longer than " + options.maxHeaderBytes() + " bytes.", currentTag,
                        parser.currentLocation().getByteOffset());
            }
        }

        /** A parser or stream failure as this instance's reason. */
        private DicomReadException asFailure(IOException e, String where) {
            long offset = parser.currentLocation().getByteOffset();
            if (e instanceof DicomReadException d) {
                return d; // the stream's own (an archive entry's damage or budget)
            }
            if (e instanceof StreamConstraintsException) {
                String m = String.valueOf(e.getMessage());
                if (m.contains("nesting depth")) {
                    return new LimitExceededException(Limit.MAX_NESTING_DEPTH, "The DICOM JSON is nested deeper than "
                            + "the sequence nesting limit allows " + where + ".", currentTag, offset);
                }
                if (m.contains("String value length") || m.contains("string value length")) {
                    return new LimitExceededException(Limit.MAX_HEADER_BYTES, "A string value of the DICOM JSON is "
                            + "longer than " + options.maxHeaderBytes() + " bytes " + where + ".", currentTag, offset);
                }
                return new DicomReadException(ReasonCode.MALFORMED, "The DICOM JSON holds a number or name too long "
                        + "to read " + where + ".", currentTag, offset);
            }
            if (e instanceof JsonEOFException) {
                return new DicomReadException(ReasonCode.TRUNCATED, "The DICOM JSON ends " + where + ".", currentTag,
                        offset);
            }
            if (isUnreadableJson(e)) {
                // never Jackson's message: it quotes the text around the error
                return new DicomReadException(ReasonCode.MALFORMED, "The DICOM JSON is not valid JSON " + where
                        + "; reading stopped there.", currentTag, offset);
            }
            return new DicomReadException(ReasonCode.UNREADABLE, "The DICOM JSON could not be read " + where + ".",
                    currentTag, offset, e);
        }

        private Structure structure(String what, int tag) {
            String place = tag == DicomReadException.NO_TAG ? "" : " at " + Tags.format(tag);
            return new Structure(new DicomReadException(ReasonCode.MALFORMED, "Instance " + index
                    + " of the DICOM JSON holds " + what + place + "; the rest of the instance was not read.",
                    tag == DicomReadException.NO_TAG ? currentTag : tag, parser.currentTokenLocation().getByteOffset()));
        }
    }

    /**
     * Broken JSON, or bytes Jackson cannot decode: it guesses UTF-16 or UTF-32 from zero bytes among the
     * first four and then fails with a {@link java.io.CharConversionException}, which is no JacksonException.
     */
    private static boolean isUnreadableJson(IOException e) {
        return e instanceof com.fasterxml.jackson.core.JacksonException || e instanceof java.io.CharConversionException;
    }

    /** A DICOM tag from its 8 hex digits, or -1. */
    static int tag(String key) {
        if (key.length() != 8) {
            return -1;
        }
        int tag = 0;
        for (int i = 0; i < 8; i++) {
            int digit = Character.digit(key.charAt(i), 16);
            if (digit < 0) {
                return -1;
            }
            tag = tag << 4 | digit;
        }
        return tag;
    }

    private static boolean isBulk(Vr vr) {
        return switch (vr) {
            case OB, OD, OF, OL, OV, OW, UN -> true;
            default -> false;
        };
    }

    private static boolean isSingleValuedText(Vr vr) {
        return vr == Vr.LT || vr == Vr.ST || vr == Vr.UT || vr == Vr.UR;
    }

    private static NotDicomException notDicom(String what) {
        return new NotDicomException("Not DICOM JSON: " + what + ".");
    }

    /**
     * Fills every read as far as the stream goes: the parser's offsets depend on how its buffer was
     * filled, and so a stream that gives a byte at a time reports the same places as an array.
     */
    private static final class FullReads extends java.io.FilterInputStream {
        FullReads(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = in.readNBytes(b, off, len);
            return n == 0 && len > 0 ? -1 : n;
        }

        @Override
        public void close() {
            // the caller's stream stays open
        }
    }

    /** A broken structure inside an instance: the rest of the instance is skipped. */
    private static final class Structure extends IOException {
        private static final long serialVersionUID = 1L;
        final transient DicomReadException failure;

        Structure(DicomReadException failure) {
            super(failure.getMessage());
            this.failure = failure;
        }
    }

    private record PersonName(String[] groups) {
        /** As Part 10 holds it: the groups joined with '=', empty trailing groups dropped. */
        String joined() {
            int last = 2;
            while (last >= 0 && (groups[last] == null || groups[last].isEmpty())) {
                last--;
            }
            StringBuilder s = new StringBuilder();
            for (int i = 0; i <= last; i++) {
                if (i > 0) {
                    s.append('=');
                }
                s.append(groups[i] == null ? "" : groups[i]);
            }
            return s.toString();
        }
    }

    private record Item(List<DicomElement> elements) {
    }
}
