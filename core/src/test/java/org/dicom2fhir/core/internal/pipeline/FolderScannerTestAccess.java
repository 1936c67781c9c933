package org.dicom2fhir.core.internal.pipeline;

import java.nio.file.Path;

/** Test helpers of this package for tests elsewhere. */
public final class FolderScannerTestAccess {
    private FolderScannerTestAccess() {
    }

    public static boolean mkfifo(Path path) throws InterruptedException {
        return FolderScannerTest.mkfifo(path);
    }

    public static boolean isRoot() {
        return FolderScannerTest.isRoot();
    }
}
