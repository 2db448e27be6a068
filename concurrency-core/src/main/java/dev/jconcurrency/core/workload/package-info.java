/**
 * CPU and I/O work with answers known in advance: {@link dev.jconcurrency.core.workload.Workloads} and
 * {@link dev.jconcurrency.core.workload.TaskSpec}.
 */
package dev.jconcurrency.core.workload;
