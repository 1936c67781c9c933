package org.dicom2fhir.core.internal.pipeline;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import org.dicom2fhir.api.ReasonCode;

/**
 * Walks a study folder: every entry below it once, in sorted relative-path order, links not
 * followed, nothing opened, depth bounded.
 *
 * <p>Siblings are sorted by their name, with {@code /} appended to folder names; a depth-first walk
 * in that order visits the paths in the same order as sorting the complete relative paths would
 * (a folder's contents all start with {@code name/}), so no global sort is needed.
 */
public final class FolderScanner {
    static final String TOO_DEEP_MESSAGE = "folder at the directory depth limit, its files were not visited";
    static final String UNLISTABLE_MESSAGE = "the folder cannot be listed";

    private static final System.Logger LOG = System.getLogger(FolderScanner.class.getName());

    private final int maxDirectoryDepth;

    /** @param maxDirectoryDepth the study folder's own files are depth 1; a folder at this depth is not entered */
    public FolderScanner(int maxDirectoryDepth) {
        if (maxDirectoryDepth < 1) {
            throw new IllegalArgumentException("maxDirectoryDepth must be at least 1");
        }
        this.maxDirectoryDepth = maxDirectoryDepth;
    }

    /**
     * Checks the study folder itself: it must exist, be a folder and be listable.
     *
     * @throws NoSuchFileException    it does not exist
     * @throws NotDirectoryException  it is not a folder
     * @throws AccessDeniedException  it cannot be listed
     */
    public static void checkStudyFolder(Path studyDir) throws IOException {
        // The study folder itself may be a link: the user named it, so it is followed.
        if (!Files.exists(studyDir)) {
            throw new NoSuchFileException(studyDir.toString(), null, "the study folder does not exist");
        }
        if (!Files.isDirectory(studyDir)) {
            throw new NotDirectoryException(studyDir.toString() + ": the study folder is a file, not a folder");
        }
        try (DirectoryStream<Path> ignored = Files.newDirectoryStream(studyDir)) {
            // listable
        } catch (AccessDeniedException e) {
            throw new AccessDeniedException(studyDir.toString(), null, "the study folder cannot be read (permission denied)");
        }
    }

    /** Every entry below the folder, in sorted relative-path order; a mutable list the caller may consume. */
    public List<ScanEntry> scan(Path studyDir) throws IOException {
        checkStudyFolder(studyDir);
        List<ScanEntry> out = new ArrayList<>();
        Deque<Level> stack = new ArrayDeque<>();
        stack.push(new Level("", 1, list(studyDir).iterator()));
        while (!stack.isEmpty()) {
            Level level = stack.peek();
            if (!level.children.hasNext()) {
                stack.pop();
                continue;
            }
            Child child = level.children.next();
            String relative = level.prefix + child.name;
            if (child.kind == ChildKind.DIRECTORY) {
                if (level.depth >= maxDirectoryDepth) {
                    out.add(ScanEntry.decided(relative, child.path, ReasonCode.TOO_DEEP, TOO_DEEP_MESSAGE));
                    continue;
                }
                List<Child> grandChildren;
                try {
                    grandChildren = list(child.path);
                } catch (IOException e) {
                    LOG.log(System.Logger.Level.DEBUG, () -> "cannot list folder " + relative + ": " + e.getClass().getSimpleName());
                    out.add(ScanEntry.decided(relative, child.path, ReasonCode.UNREADABLE, UNLISTABLE_MESSAGE));
                    continue;
                }
                stack.push(new Level(relative + "/", level.depth + 1, grandChildren.iterator()));
            } else {
                out.add(child.toEntry(relative));
            }
        }
        return out;
    }

    private static List<Child> list(Path dir) throws IOException {
        List<Child> children = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir)) {
            for (Path p : stream) {
                children.add(Child.of(p));
            }
        } catch (java.nio.file.DirectoryIteratorException e) {
            throw e.getCause();
        }
        children.sort(Comparator.comparing(c -> c.sortKey));
        return children;
    }

    private enum ChildKind { REGULAR, DIRECTORY, SYMLINK, SPECIAL, VANISHED }

    private record Child(Path path, String name, ChildKind kind, String sortKey) {
        static Child of(Path p) {
            String name = p.getFileName().toString();
            ChildKind kind;
            try {
                BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                ReasonCode notOpened = FileKinds.notOpened(a);
                if (notOpened == ReasonCode.SYMLINK) {
                    kind = ChildKind.SYMLINK;
                } else if (notOpened == ReasonCode.SPECIAL_FILE) {
                    kind = ChildKind.SPECIAL;
                } else if (a.isDirectory()) {
                    kind = ChildKind.DIRECTORY;
                } else {
                    kind = ChildKind.REGULAR;
                }
            } catch (IOException e) {
                kind = ChildKind.VANISHED;
            }
            return new Child(p, name, kind, kind == ChildKind.DIRECTORY ? name + "/" : name);
        }

        ScanEntry toEntry(String relative) {
            return switch (kind) {
                case REGULAR -> ScanEntry.regular(relative, path);
                case SYMLINK -> ScanEntry.decided(relative, path, ReasonCode.SYMLINK, FileKinds.SYMLINK_MESSAGE);
                case SPECIAL -> ScanEntry.decided(relative, path, ReasonCode.SPECIAL_FILE, FileKinds.SPECIAL_FILE_MESSAGE);
                case VANISHED -> ScanEntry.decided(relative, path, ReasonCode.UNREADABLE, FileKinds.VANISHED_MESSAGE);
                case DIRECTORY -> throw new IllegalStateException("folders are walked, not reported");
            };
        }
    }

    private record Level(String prefix, int depth, Iterator<Child> children) {
    }
}
