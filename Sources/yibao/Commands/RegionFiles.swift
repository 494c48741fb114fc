import ArgumentParser
import Foundation
import Policy

/// Finds the shipped region folder and reads policy files from disk.
enum RegionFiles {
  /// `Regions/370400` of the working directory, else of the source checkout this binary was built from.
  static func defaultRegion() -> URL {
    let relative = "Regions/370400"
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(relative)
    if FileManager.default.fileExists(atPath: cwd.path) { return cwd }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
      .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent(relative)
  }

  /// The policy files of a folder (every `*.yaml`), or a single file with the folder's region file.
  static func policyFiles(at path: String) throws -> [PolicyFile] {
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
      throw ValidationError("找不到政策文件或目录：\(path)")
    }
    let folder =
      isDirectory.boolValue ? URL(fileURLWithPath: path) : URL(fileURLWithPath: path).deletingLastPathComponent()
    let all = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted()
    let file = URL(fileURLWithPath: path).lastPathComponent
    // A single version file is checked together with its region file.
    let names =
      isDirectory.boolValue || file == PolicyLoader.regionFileName ? all : [PolicyLoader.regionFileName, file]
    return try names.map { name in
      PolicyFile(name: name, text: try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8))
    }
  }

  static func loadPolicy(at path: String) throws -> RegionPolicy {
    try PolicyLoader.load(try policyFiles(at: path))
  }
}
