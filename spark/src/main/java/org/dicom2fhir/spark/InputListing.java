package org.dicom2fhir.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.dicom2fhir.core.Converter;

/**
 * The driver's listing of the input. {@code file:} roots are walked with java.nio by core's scan, exactly as batch
 * walks them (sorted, links and special files reported and never opened, the depth limit): Hadoop's
 * {@code listFiles} on a local file system builds a {@code LocatedFileStatus} per file, whose permission look-up
 * forks a process per file without native libhadoop. Other schemes (hdfs:, s3a:, ...) are listed with
 * {@link FileSystem#listFiles}. A file list (one URI a line, each under one of the roots) avoids listing.
 */
final class InputListing {
    private InputListing() {
    }

    /** Every entry below the roots, in (root, relative path) order. */
    static List<InputFile> list(Converter converter, List<URI> roots, Configuration conf) throws IOException {
        List<InputFile> files = new ArrayList<>();
        for (int i = 0; i < roots.size(); i++) {
            URI root = roots.get(i);
            if (isLocal(root)) {
                listLocal(converter, i, Path.of(root), files);
            } else {
                listRemote(i, root, conf, files);
            }
        }
        return files;
    }

    static boolean isLocal(URI uri) {
        return "file".equals(uri.getScheme());
    }

    private static void listLocal(Converter converter, int root, Path folder, List<InputFile> files)
            throws IOException {
        Converter.checkFolder(folder);
        converter.scan(folder, entry -> files.add(entry.decided() == null
                ? new InputFile(root, entry.relativePath(), entry.file().toUri().toString(), -1, null, null)
                : new InputFile(root, entry.relativePath(), entry.file().toUri().toString(), -1,
                        entry.decided().reason(), entry.decided().message())));
    }

    private static void listRemote(int root, URI uri, Configuration conf, List<InputFile> files) throws IOException {
        org.apache.hadoop.fs.Path folder = new org.apache.hadoop.fs.Path(uri);
        FileSystem fs = folder.getFileSystem(conf);
        String prefix = fs.makeQualified(folder).toUri().getPath();
        prefix = prefix.endsWith("/") ? prefix : prefix + "/";
        List<InputFile> listed = new ArrayList<>();
        RemoteIterator<LocatedFileStatus> it = fs.listFiles(folder, true);
        while (it.hasNext()) {
            LocatedFileStatus status = it.next();
            String path = status.getPath().toUri().getPath();
            if (status.isFile() && path.startsWith(prefix)) {
                listed.add(new InputFile(root, path.substring(prefix.length()), status.getPath().toUri().toString(),
                        status.getLen(), null, null));
            }
        }
        listed.sort(Comparator.comparing(InputFile::path));
        files.addAll(listed);
    }

    /** Scheme, authority and decoded path, ending in {@code /}: what "below a root" compares. */
    private static String prefix(URI uri) {
        String path = uri.getPath() == null ? "" : uri.getPath();
        return uri.getScheme() + "://" + (uri.getAuthority() == null ? "" : uri.getAuthority())
                + (path.endsWith("/") ? path : path + "/");
    }

    /**
     * A file list instead of a listing: one URI a line (blank lines and lines starting with {@code #} ignored),
     * each below one of the roots (the first that holds it gives its root index and relative path).
     */
    static List<InputFile> fromList(URI list, List<URI> roots, Configuration conf) throws IOException {
        org.apache.hadoop.fs.Path path = new org.apache.hadoop.fs.Path(list);
        List<String> prefixes = new ArrayList<>();
        for (URI root : roots) {
            prefixes.add(prefix(root));
        }
        List<InputFile> files = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(path.getFileSystem(conf).open(path),
                StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                line = line.strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                URI uri = URI.create(line).normalize();
                String where = prefix(uri);
                int root = -1;
                for (int i = 0; i < prefixes.size() && root < 0; i++) {
                    if (where.startsWith(prefixes.get(i)) && where.length() > prefixes.get(i).length()) {
                        root = i;
                    }
                }
                if (root < 0) {
                    // the line number only: a path may hold a patient's name
                    throw new IllegalArgumentException("line " + number + " of the file list is below none of the "
                            + "input URIs");
                }
                String relative = where.substring(prefixes.get(root).length());
                files.add(new InputFile(root, relative.substring(0, relative.length() - 1), uri.toString(), -1, null,
                        null));
            }
        }
        files.sort(Comparator.comparingInt(InputFile::root).thenComparing(InputFile::path));
        return files;
    }
}
