package org.dicom2fhir.core.internal.pipeline;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.dicom2fhir.api.ReasonCode;
import org.dicom2fhir.api.Warning;
import org.dicom2fhir.api.dicom.DicomReadException;
import org.dicom2fhir.api.dicom.DicomReadResult;
import org.dicom2fhir.api.dicom.ReadOptions;
import org.dicom2fhir.api.spi.DicomReader;
import org.dicom2fhir.core.FileOutcome;
import org.dicom2fhir.core.FileReport;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.api.Limits;
import org.dicom2fhir.core.internal.mapping.FactsExtractor;
import org.dicom2fhir.core.internal.source.ContentKind;
import org.dicom2fhir.core.internal.source.DicomJson;
import org.dicom2fhir.core.internal.source.ZipArchive;

/**
 * One file to the facts or dispositions of the instances it holds: one for a DICOM file, one per
 * entry of a ZIP archive (read in place, never extracted), one per instance of a DICOM JSON file. Never throws for anything a file or a reader does: every
 * exception and error of the reader ends as a {@code FAILED} report, so one bad file (or a reader
 * library's {@link StackOverflowError}) cannot stop a folder.
 */
public final class FileReading {
    static final String READER_FAILED = "the DICOM reader failed on this file with an internal error";
    static final String READER_STACK_OVERFLOW =
            "the DICOM reader failed on this file (stack overflow, probably sequences nested too deep)";
    static final String READER_RETURNED_NOTHING = "the DICOM reader returned no result for this file";
    static final String EXTRACTION_FAILED = "the attributes read could not be reduced to what the mapping needs"
            + " (an internal error of dicom2fhir, please report it)";
    static final String ACCESS_DENIED = "the file cannot be read (permission denied)";
    static final String IO_ERROR = "the file cannot be read (I/O error)";
    static final String JSON_FAILED = "the DICOM JSON source failed on this file with an internal error";
    static final String EMPTY_ARCHIVE = "a ZIP archive without file entries";
    static final String NESTED_ARCHIVE = "a ZIP archive inside a ZIP archive; it is not opened";

    /** The bytes a read fetches first ({@link HeadChannel}): the whole header of most files without pixel data. */
    public static final int HEAD_BYTES = HeadChannel.HEAD_BYTES;

    private static final System.Logger LOG = System.getLogger(FileReading.class.getName());

    private final DicomReader reader;
    private final ReadOptions options;

    public FileReading(DicomReader reader, Limits limits) {
        this.reader = Objects.requireNonNull(reader, "reader");
        this.options = new ReadOptions(FactsExtractor.REQUIRED_TAGS, limits);
    }

    public ReadOptions options() {
        return options;
    }

    /** A file named by a caller: links and special files are reported, never opened. */
    public List<FileOutcome> read(Path file, String relativePath) {
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (IOException e) {
            return List.of(ioFailure(relativePath, e));
        }
        ReasonCode notOpened = FileKinds.notOpened(attributes);
        if (notOpened != null) {
            return List.of(notIncluded(relativePath, notOpened, FileKinds.message(notOpened), List.of()));
        }
        if (attributes.isDirectory()) {
            return List.of(notIncluded(relativePath, ReasonCode.UNREADABLE, FileKinds.DIRECTORY_MESSAGE, List.of()));
        }
        return readRegular(file, relativePath, attributes.size());
    }

    /** An entry of the scan: its fate is decided already, or it is a regular file to read. */
    public List<FileOutcome> read(ScanEntry entry) {
        if (!entry.isRegularFile()) {
            return List.of(notIncluded(entry.relativePath(), entry.reason(), entry.message(), List.of()));
        }
        return readRegular(entry.file(), entry.relativePath(), entry.size());
    }

    /**
     * A file known to be regular (the scan checked it without following links), opened once and its head read
     * once ({@link HeadChannel}): the first bytes tell a ZIP archive (an outcome per entry) or JSON from anything
     * else, which goes to the reader through the same channel.
     */
    List<FileOutcome> readRegular(Path file, String relativePath, long expectedSize) {
        try (FileChannel open = FileChannel.open(file, StandardOpenOption.READ);
                HeadChannel channel = HeadChannel.open(open, expectedSize)) {
            return read(channel, relativePath, channel.contentKind()); // from the head in memory
        } catch (IOException e) {
            // opening, the head's read or closing failed; a later failure is the outcome of read(channel)
            return List.of(ioFailure(relativePath, e));
        }
    }

    /**
     * Step one of a read in two steps: the head of a file known to be regular (the scan checked it), read into
     * {@code buffer} by one positioned read and the file closed again, so that a reading thread only waits for the
     * disk; {@link #read(Path, String, byte[], FetchedHead)} reads it on, on any thread.
     *
     * @param expectedSize the size the scan saw, or a negative number (see {@link HeadChannel#readHead})
     * @throws IOException the file cannot be opened or read ({@link #unreadable} reports it)
     */
    public static FetchedHead fetch(Path file, long expectedSize, byte[] buffer) throws IOException {
        try (FileChannel open = FileChannel.open(file, StandardOpenOption.READ)) {
            return HeadChannel.readHead(open, buffer, expectedSize);
        }
    }

    /**
     * Step two: what {@link #read(ScanEntry)} gives for the file, read from the fetched head; the file is opened
     * again only when the reader (or a ZIP archive's directory) needs more than the head.
     */
    public List<FileOutcome> read(Path file, String relativePath, byte[] buffer, FetchedHead head) {
        try (HeadChannel channel = HeadChannel.fetched(buffer, head, file)) {
            return read(channel, relativePath, channel.contentKind());
        } catch (IOException e) {
            // only a reopening, or the reads through it, can fail here
            return List.of(ioFailure(relativePath, e));
        }
    }

    /** The outcome of a file that {@link #fetch} could not open or read. */
    public static List<FileOutcome> unreadable(String relativePath, IOException e) {
        return List.of(ioFailure(relativePath, e));
    }

    /**
     * A file open as a seekable channel (a local file's, or another file system's such as Hadoop's; the caller
     * closes it): recognised by its first bytes, a ZIP archive read in place through the channel, JSON as a
     * stream, anything else through the reader's channel entry.
     */
    public List<FileOutcome> read(SeekableByteChannel channel, String relativePath) {
        ContentKind kind;
        try {
            channel.position(0);
            kind = ContentKind.of(Channels.newInputStream(channel));
        } catch (IOException e) {
            return List.of(ioFailure(relativePath, e));
        }
        return read(channel, relativePath, kind);
    }

    /** The channel's content, of the kind its first bytes told, read from its start. */
    private List<FileOutcome> read(SeekableByteChannel channel, String relativePath, ContentKind kind) {
        try {
            channel.position(0); // ZIP and the reader start where they like; JSON reads on from here
        } catch (IOException e) {
            return List.of(ioFailure(relativePath, e));
        }
        if (kind == ContentKind.ZIP) {
            return readArchive(relativePath, (limits, entries) -> ZipArchive.read(channel, relativePath, limits,
                    entries));
        }
        if (kind == ContentKind.JSON) {
            return readJson(new BufferedInputStream(Channels.newInputStream(channel)), relativePath);
        }
        return List.of(outcome(relativePath, () -> reader.read(channel, options)));
    }

    /** Opens an archive's entries. */
    private interface ArchiveRead {
        void read(Limits limits, ZipArchive.Entries entries) throws IOException;
    }

    private List<FileOutcome> readArchive(String relativePath, ArchiveRead archive) {
        List<FileOutcome> outcomes = new ArrayList<>();
        try {
            archive.read(options.limits(), new ZipArchive.Entries() {
                @Override
                public void read(String path, InputStream content) {
                    outcomes.addAll(readEntry(path, content));
                }

                @Override
                public void notRead(String path, ReasonCode reason, String message) {
                    outcomes.add(notIncluded(path, reason, message, List.of()));
                }
            });
        } catch (DicomReadException e) {
            outcomes.add(notIncluded(relativePath, e.reason(), e.getMessage(), List.of()));
        } catch (IOException e) {
            outcomes.add(ioFailure(relativePath, e));
        }
        if (outcomes.isEmpty()) {
            outcomes.add(notIncluded(relativePath, ReasonCode.NOT_DICOM, EMPTY_ARCHIVE, List.of()));
        }
        return outcomes;
    }

    /** One entry of an archive, read forward from its stream. */
    private List<FileOutcome> readEntry(String path, InputStream content) {
        InputStream in = new BufferedInputStream(content, ContentKind.HEAD_BYTES);
        ContentKind kind;
        try {
            in.mark(ContentKind.HEAD_BYTES);
            kind = ContentKind.of(in);
            in.reset();
        } catch (DicomReadException e) {
            return List.of(notIncluded(path, e.reason(), e.getMessage(), List.of()));
        } catch (IOException e) {
            return List.of(ioFailure(path, e));
        }
        if (kind == ContentKind.ZIP) {
            return List.of(notIncluded(path, ReasonCode.NESTED_ARCHIVE, NESTED_ARCHIVE, List.of()));
        }
        if (kind == ContentKind.JSON) {
            return readJson(in, path);
        }
        return List.of(outcome(path, () -> reader.read(in, options)));
    }

    /**
     * A file recognised as JSON: one outcome per instance ({@code path#index}), or one for the file when
     * it is not DICOM JSON or cannot be read before its first instance.
     */
    public List<FileOutcome> readJson(InputStream in, String path) {
        List<FileOutcome> outcomes = new ArrayList<>();
        try {
            DicomJson.read(in, options, new DicomJson.Instances() {
                @Override
                public void instance(int index, DicomReadResult result) {
                    outcomes.add(outcome(path + "#" + index, () -> result));
                }

                @Override
                public void failed(int index, DicomReadException failure) {
                    outcomes.add(notIncluded(path + "#" + index, failure.reason(), failure.getMessage(), List.of()));
                }
            });
        } catch (DicomReadException e) {
            outcomes.add(notIncluded(path, e.reason(), e.getMessage(), List.of()));
        } catch (IOException e) {
            outcomes.add(ioFailure(path, e));
        } catch (RuntimeException | StackOverflowError e) {
            // a parser bug a hostile file found: this file's failure, never the run's
            LOG.log(System.Logger.Level.WARNING, () -> path + ": the DICOM JSON source threw " + e.getClass().getName());
            outcomes.add(notIncluded(path, ReasonCode.MALFORMED, JSON_FAILED, List.of()));
        }
        return outcomes;
    }

    /** What one read gives: the facts, or the disposition of what the reader or the extraction said. */
    private static FileOutcome outcome(String relativePath, ReadCall call) {
        DicomReadResult read;
        try {
            read = call.read();
        } catch (DicomReadException e) {
            LOG.log(System.Logger.Level.DEBUG, () -> relativePath + ": " + e.reason());
            return notIncluded(relativePath, e.reason(), e.getMessage(), List.of());
        } catch (IOException e) {
            return ioFailure(relativePath, e);
        } catch (StackOverflowError e) {
            LOG.log(System.Logger.Level.WARNING, () -> relativePath + ": the DICOM reader overflowed its stack");
            return notIncluded(relativePath, ReasonCode.UNREADABLE, READER_STACK_OVERFLOW, List.of());
        } catch (RuntimeException | Error e) {
            // A reader must not throw these; contain it at the file boundary. The class name only:
            // a third-party message may quote values.
            LOG.log(System.Logger.Level.WARNING,
                    () -> relativePath + ": the DICOM reader threw " + e.getClass().getName());
            return notIncluded(relativePath, ReasonCode.UNREADABLE, READER_FAILED, List.of());
        }
        if (read == null) {
            return notIncluded(relativePath, ReasonCode.UNREADABLE, READER_RETURNED_NOTHING, List.of());
        }
        InstanceFacts facts;
        try {
            facts = FactsExtractor.extract(relativePath, read);
        } catch (DicomReadException e) {
            return notIncluded(relativePath, e.reason(), e.getMessage(), read.warnings());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING,
                    () -> relativePath + ": extracting the facts threw " + e.getClass().getName());
            return notIncluded(relativePath, ReasonCode.MALFORMED, EXTRACTION_FAILED, read.warnings());
        }
        return new FileOutcome(FileReport.included(relativePath, facts.warnings()), facts);
    }

    /** One call of the reader. */
    private interface ReadCall {
        DicomReadResult read() throws IOException;
    }

    private static FileOutcome ioFailure(String relativePath, IOException e) {
        // The JDK's message holds the absolute path, which may hold a patient's name: ours instead.
        String message;
        if (e instanceof NoSuchFileException) {
            message = FileKinds.VANISHED_MESSAGE;
        } else if (e instanceof AccessDeniedException) {
            message = ACCESS_DENIED;
        } else {
            message = IO_ERROR;
        }
        LOG.log(System.Logger.Level.DEBUG, () -> relativePath + ": " + e.getClass().getName());
        return notIncluded(relativePath, ReasonCode.UNREADABLE, message, List.of());
    }

    private static FileOutcome notIncluded(String relativePath, ReasonCode reason, String message, List<Warning> warnings) {
        return new FileOutcome(FileReport.notIncluded(relativePath, reason, message, warnings), null);
    }
}
