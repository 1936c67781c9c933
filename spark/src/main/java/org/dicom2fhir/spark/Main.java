package org.dicom2fhir.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * The job's entry point, for {@code spark-submit} and the {@code dicom2fhir-spark} launcher:
 * {@code [--master URL] -o OUTPUT [options] INPUT...}. Exit 0 done, 2 usage or an existing output, 1 a failure.
 */
public final class Main {
    static final String USAGE = """
            Usage: dicom2fhir-spark [--master URL] -o OUTPUT [options] INPUT...
              Converts every study below the INPUT URIs (file:, hdfs:, s3a:, ... or local folders) to the output
              of `dicom2fhir batch -o`: ImagingStudy, Patient, report and OperationOutcome NDJSON part files and
              manifest.json under OUTPUT.
              --master URL         Spark master (spark-submit sets it; default local[*])
              -o, --output URI     output folder (refused when it exists, unless --overwrite)
              --overwrite          replace an existing output
              --reader NAME        DICOM reader (default part10)
              --writer NAME        FHIR writer (default hapi)
              --timezone ZONE      time zone of DICOM dates without an offset
              --endpoint URL       DICOMweb base URL for the Endpoint
              --patient-id-system URI  system of Patient IDs without an issuer
              --patient bundle     Patients of their own (Patient part files), ids keyed by
                                   --id-key-file FILE or DICOM2FHIR_ID_KEY
              --file-list URI      read the files named in this list (one URI a line) instead of listing
              --partitions N       read tasks and study groups
            """;

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.err));
    }

    static int run(String[] args, Map<String, String> environment, PrintStream err) {
        String master = null;
        String output = null;
        boolean overwrite = false;
        String reader = "part10";
        String writer = "hapi";
        String timezone = null;
        String endpoint = null;
        String system = null;
        String patient = null;
        String keyFile = null;
        String fileList = null;
        int partitions = 0;
        List<URI> inputs = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "-h", "--help" -> {
                        err.print(USAGE);
                        return 0;
                    }
                    case "--master" -> master = value(args, ++i, a);
                    case "-o", "--output" -> output = value(args, ++i, a);
                    case "--overwrite" -> overwrite = true;
                    case "--reader" -> reader = value(args, ++i, a);
                    case "--writer" -> writer = value(args, ++i, a);
                    case "--timezone" -> timezone = value(args, ++i, a);
                    case "--endpoint" -> endpoint = value(args, ++i, a);
                    case "--patient-id-system" -> system = value(args, ++i, a);
                    case "--patient" -> patient = value(args, ++i, a);
                    case "--id-key-file" -> keyFile = value(args, ++i, a);
                    case "--file-list" -> fileList = value(args, ++i, a);
                    case "--partitions" -> partitions = Integer.parseInt(value(args, ++i, a));
                    default -> {
                        if (a.startsWith("-") && a.length() > 1) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        inputs.add(uri(a));
                    }
                }
            }
            if (output == null || inputs.isEmpty()) {
                throw new IllegalArgumentException("-o OUTPUT and at least one INPUT are required");
            }
            if (patient != null && !patient.equals("bundle") && !patient.equals("contained")) {
                throw new IllegalArgumentException("--patient takes bundle or contained");
            }
        } catch (IllegalArgumentException e) {
            err.println("dicom2fhir-spark: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        SparkConversion job = SparkConversion.of(inputs, uri(output)).backends(reader, writer)
                .mapping(timezone, endpoint, system).overwrite(overwrite).partitions(partitions);
        if (fileList != null) {
            job = job.fileList(uri(fileList));
        }
        try {
            if ("bundle".equals(patient)) {
                String key = keyFile != null ? Files.readString(Path.of(keyFile), StandardCharsets.UTF_8).strip()
                        : environment.get("DICOM2FHIR_ID_KEY");
                if (key == null || key.isBlank()) {
                    err.println("dicom2fhir-spark: --patient bundle needs the id key: --id-key-file FILE or "
                            + "DICOM2FHIR_ID_KEY");
                    return 2;
                }
                job = job.patients(key.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException | IllegalArgumentException e) {
            err.println("dicom2fhir-spark: the id key: " + e.getMessage());
            return 2;
        }
        SparkConf conf = new SparkConf().setAppName("dicom2fhir");
        if (master != null) {
            conf.setMaster(master);
        } else if (!conf.contains("spark.master")) {
            conf.setMaster("local[*]");
        }
        try (JavaSparkContext spark = new JavaSparkContext(conf)) {
            SparkConversion.Summary summary = job.run(spark);
            err.println("dicom2fhir-spark: " + summary.files() + " files; " + summary.count("ImagingStudy")
                    + " studies written, " + summary.count("Patient") + " patients, " + summary.count("report")
                    + " report lines; manifest " + SparkConversion.MANIFEST);
            return 0;
        } catch (SparkConversion.OutputExistsException e) {
            err.println("dicom2fhir-spark: " + e.getMessage());
            return 2;
        } catch (IOException | RuntimeException e) {
            err.println("dicom2fhir-spark: the job failed: " + e.getClass().getName() + ": " + e.getMessage());
            return 1;
        }
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    /** A URI with a scheme as it is; anything else is a local path. */
    static URI uri(String text) {
        if (text.matches("^[A-Za-z][A-Za-z0-9+.-]+:.*")) {
            return URI.create(text);
        }
        return Path.of(text).toAbsolutePath().normalize().toUri();
    }
}
