import NIOCore

/// A task executor that runs its jobs on one event loop. The group commit runs on the
/// storage's own loop, where the database's answers arrive: each statement of a batch
/// resumes there at once, without waking a thread of the shared pool.
///
/// ```swift
/// let executor = EventLoopExecutor(Database.storageLoop)
/// Task.detached(executorPreference: executor) { await commitQueue() }
/// ```
final class EventLoopExecutor: TaskExecutor, Sendable {
  private let loop: any EventLoop

  init(_ loop: any EventLoop) { self.loop = loop }

  func enqueue(_ job: consuming ExecutorJob) {
    let job = UnownedJob(job)
    loop.execute { job.runSynchronously(on: self.asUnownedTaskExecutor()) }
  }
}
