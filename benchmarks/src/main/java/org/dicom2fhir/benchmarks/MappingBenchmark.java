package org.dicom2fhir.benchmarks;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.dicom2fhir.api.model.StudyData;
import org.dicom2fhir.api.spi.WriteOptions;
import org.dicom2fhir.core.Converter;
import org.dicom2fhir.core.InstanceFacts;
import org.dicom2fhir.core.StudyConversion;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The steps after reading, without I/O: the facts of a whole study (read once in the set-up) to the
 * neutral study ({@link Converter#mapStudy}), and a neutral study to a writer's JSON bytes. Scores
 * are time per study.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
public class MappingBenchmark {

    @State(Scope.Benchmark)
    public static class Facts {
        @Param({"10k"})
        public String shape;

        Converter converter;
        List<InstanceFacts> facts;

        @Setup(Level.Trial)
        public void setUp() {
            Path dir = StudyFolders.folder(StudyShape.parse(shape));
            converter = Pipeline.converter("part10", "ibm");
            facts = List.copyOf(Pipeline.readAll(converter, dir, StudyFolders.files(dir)));
        }
    }

    /** The writer parameter lives here, so that only {@link #studyToJson} runs once per writer. */
    @State(Scope.Benchmark)
    public static class Written {
        @Param({"hapi", "ibm", "hapi-r5"})
        public String writer;

        Converter converter;
        StudyData study;

        @Setup(Level.Trial)
        public void setUp(Facts facts) {
            converter = Pipeline.converter("part10", writer);
            Pipeline.warmUpWriter(converter, facts.facts.get(0));
            study = converter.mapStudy(facts.facts).study();
        }
    }

    @Benchmark
    public StudyConversion factsToStudy(Facts facts) {
        return facts.converter.mapStudy(facts.facts);
    }

    @Benchmark
    public long studyToJson(Written written) throws IOException {
        Pipeline.CountingSink sink = new Pipeline.CountingSink();
        written.converter.writer().write(written.study, sink, WriteOptions.json());
        return sink.count();
    }
}
