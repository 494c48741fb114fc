import NIOCore

/// A task executor that runs its jobs on one event loop. The group commit runs on the
/// storage's own loop, where the database's answers arrive: each statement of a batch
/// resumes there at once, without waking a thread of the shared pool. A benchmark client
/// runs on its connection's loop for the same reason.
///
/// ```swift
/// let executor = EventLoopExecutor(Database.storageLoop)
/// Task.detached(executorPreference: executor) { await commitQueue() }
/// ```
public final class EventLoopExecutor: TaskExecutor, Sendable {
  private let loop: any EventLoop

  public init(_ loop: any EventLoop) { self.loop = loop }

  public func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
