import Foundation
import Policy
import Registry
import Testing

/// The shipped demo policy of region 370400, read from `Regions/370400/policy`, as editable
/// text: tests copy it, break or extend one file, and load the result.
struct DemoPolicy {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent()  // Tests/PolicyTests
    .deletingLastPathComponent()  // Tests
    .deletingLastPathComponent()  // the package
    .appendingPathComponent("Regions/370400/policy")

  /// File name → text, as shipped.
  static let shipped: [String: String] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
    var texts: [String: String] = [:]
    for name in names where name.hasSuffix(".yaml") {
      texts[name] = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }
    return texts
  }()

  /// The shipped policy, loaded once.
  static let region: RegionPolicy = {
    do { return try PolicyLoader.load(DemoPolicy().files) } catch {
      fatalError("the demo policy does not load: \(error)")
    }
  }()

  var texts: [String: String] = DemoPolicy.shipped

  /// The files in name order, as `PolicyLoader.load` takes them.
  var files: [PolicyFile] { texts.keys.sorted().map { PolicyFile(name: $0, text: texts[$0]!) } }

  /// Replaces `old`, which must occur exactly once in `file`, so that a test breaks what it means to.
  mutating func replace(
    _ old: String, with new: String, in file: String, sourceLocation: SourceLocation = #_sourceLocation
  ) throws {
    let text = try #require(texts[file], "no file \(file)", sourceLocation: sourceLocation)
    let occurrences = text.components(separatedBy: old).count - 1
    try #require(occurrences == 1, "“\(old)” occurs \(occurrences) times in \(file)", sourceLocation: sourceLocation)
    texts[file] = text.replacingOccurrences(of: old, with: new)
  }

  func load() throws(PolicyErrors) -> RegionPolicy { try PolicyLoader.load(files) }

  /// The problems of a policy that must not load.
  func problems(sourceLocation: SourceLocation = #_sourceLocation) -> [PolicyProblem] {
    do {
      let region = try load()
      Issue.record("the policy loaded (\(region.versions.map(\.id))) but should not", sourceLocation: sourceLocation)
      return []
    } catch {
      return error.problems
    }
  }
}

/// Expects exactly one problem in `file` at `path`, whose message contains every fragment.
func expectProblem(
  _ problems: [PolicyProblem], file: String, path: String, containing fragments: [String],
  sourceLocation: SourceLocation = #_sourceLocation
) {
  let matching = problems.filter { $0.file == file && $0.path == path }
  guard matching.count == 1, let problem = matching.first else {
    Issue.record(
      "expected one problem in \(file) at \(path), found \(matching.count) among:\n\(PolicyErrors(problems))",
      sourceLocation: sourceLocation)
    return
  }
  for fragment in fragments {
    #expect(
      problem.message.contains(fragment), "“\(problem.message)” lacks “\(fragment)”", sourceLocation: sourceLocation)
  }
}

/// Shorthand for a day in a test.
func day(_ text: String) -> Day {
  do { return try Day(text) } catch { fatalError("\(error)") }
}
