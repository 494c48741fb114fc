import Yams

/// One policy file's name and text; the loader reads no disk itself.
public struct PolicyFile: Sendable {
  public let name: String
  public let text: String

  public init(name: String, text: String) {
    self.name = name
    self.text = text
  }
}

/// Reads a region's policy files: `region.yaml` and one file per version.
///
/// ```swift
/// let region = try PolicyLoader.load([
///   PolicyFile(name: "region.yaml", text: regionText),
///   PolicyFile(name: "V2021.yaml", text: versionText),
/// ])
/// ```
/// Every problem (YAML syntax, unknown key, bad value, broken reference) is reported
/// together, each with its file and the path inside it.
public enum PolicyLoader {
  public static let regionFileName = "region.yaml"

  public static func load(_ files: [PolicyFile]) throws(PolicyErrors) -> RegionPolicy {
    var problems: [PolicyProblem] = []
    let regionFiles = files.filter { $0.name.hasSuffix(regionFileName) }
    guard regionFiles.count == 1, let regionFile = regionFiles.first else {
      throw PolicyErrors([
        PolicyProblem(
          file: regionFileName, path: "", message: "exactly one region file is needed, found \(regionFiles.count)")
      ])
    }
    let header: RegionHeader? = decode(RegionHeader.self, from: regionFile, into: &problems)
    var versions: [(file: String, version: PolicyVersion)] = []
    for file in files where !file.name.hasSuffix(regionFileName) {
      if let version = decode(PolicyVersion.self, from: file, into: &problems) {
        versions.append((file.name, version))
      }
    }
    if versions.isEmpty && problems.isEmpty {
      problems.append(PolicyProblem(file: regionFile.name, path: "", message: "the region has no version file"))
    }
    guard let header, problems.isEmpty else { throw PolicyErrors(problems) }
    problems += PolicyValidator.validate(header: header, headerFile: regionFile.name, versions: versions)
    guard problems.isEmpty else { throw PolicyErrors(problems) }
    return RegionPolicy(header: header, versions: versions.map(\.version))
  }

  private static func decode<T: Decodable>(_ type: T.Type, from file: PolicyFile, into problems: inout [PolicyProblem])
    -> T?
  {
    do {
      return try YAMLDecoder().decode(T.self, from: file.text)
    } catch let error as DecodingError {
      problems.append(PolicyProblem(file: file.name, decodingError: error))
    } catch {
      problems.append(PolicyProblem(file: file.name, path: "", message: "\(error)"))
    }
    return nil
  }
}

/// One problem of a policy file: which file, where in it, and what is wrong.
public struct PolicyProblem: Sendable, Hashable, CustomStringConvertible {
  public let file: String
  /// A path like `regimes[2].ratio[0].value`.
  public let path: String
  public let message: String

  public init(file: String, path: String, message: String) {
    self.file = file
    self.path = path
    self.message = message
  }

  init(file: String, decodingError: DecodingError) {
    func render(_ codingPath: [any CodingKey]) -> String {
      var text = ""
      for key in codingPath {
        // Sequence elements are keyed "Index n"; a mapping key such as "2101" stays a name.
        if key.stringValue.hasPrefix("Index "), let index = key.intValue {
          text += "[\(index)]"
        } else {
          text += (text.isEmpty ? "" : ".") + key.stringValue
        }
      }
      return text
    }
    switch decodingError {
    case .keyNotFound(let key, let context):
      let parent = render(context.codingPath)
      self.init(
        file: file, path: parent.isEmpty ? key.stringValue : "\(parent).\(key.stringValue)",
        message: "missing required key “\(key.stringValue)”")
    case .typeMismatch(let type, let context):
      self.init(file: file, path: render(context.codingPath), message: "expected \(type): \(context.debugDescription)")
    case .valueNotFound(let type, let context):
      self.init(file: file, path: render(context.codingPath), message: "missing \(type) value")
    case .dataCorrupted(let context):
      self.init(file: file, path: render(context.codingPath), message: context.debugDescription)
    @unknown default:
      self.init(file: file, path: "", message: "\(decodingError)")
    }
  }

  public var description: String { path.isEmpty ? "\(file): \(message)" : "\(file): \(path): \(message)" }
}

/// Every problem found while loading a region's policy.
public struct PolicyErrors: Error, Sendable, CustomStringConvertible {
  public let problems: [PolicyProblem]
  public init(_ problems: [PolicyProblem]) { self.problems = problems }
  public var description: String { problems.map(\.description).joined(separator: "\n") }
}
