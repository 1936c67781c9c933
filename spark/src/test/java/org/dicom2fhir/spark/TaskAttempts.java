package org.dicom2fhir.spark;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/** Every task end the driver saw: stage, partition, attempt and whether it succeeded. */
final class TaskAttempts extends SparkListener {
    record Attempt(int stage, int partition, int attempt, boolean succeeded, String reason) {
    }

    final List<Attempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        attempts.add(new Attempt(end.stageId(), end.taskInfo().index(), end.taskInfo().attemptNumber(),
                end.reason() == Success$.MODULE$, end.reason().toString()));
    }

    /** The failed attempts of a task whose retry of the same stage and partition succeeded. */
    List<Attempt> failedThenRetried() {
        return attempts.stream().filter(a -> !a.succeeded()).filter(f -> attempts.stream().anyMatch(s -> s.succeeded()
                && s.stage() == f.stage() && s.partition() == f.partition() && s.attempt() > f.attempt())).toList();
    }
}
