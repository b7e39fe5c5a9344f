#include "wheel/unpack.hpp"

#include <atomic>
#include <map>
#include <memory>
#include <optional>

#include <sys/stat.h>

#include "cache/sha256_hasher.hpp"
#include "metadata/record_hash.hpp"
#include "util/error.hpp"
#include "wheel/archive_reader.hpp"
#include "wheel/layout.hpp"
#include "wheel/member_name.hpp"
#include "wheel/refusal.hpp"
#include "wheel/tree_io.hpp"

namespace gator::wheel {

namespace fs = std::filesystem;

namespace {

// Bounds on what a hostile archive can make the first pass hold in memory.
constexpr std::size_t k_max_members = 500'000;
constexpr std::uint64_t k_max_name_bytes = std::uint64_t{128} << 20;
constexpr std::uint64_t k_max_metadata_size = std::uint64_t{64} << 20;
constexpr std::uint64_t k_max_metadata_total = std::uint64_t{128} << 20;
// Files without a size in RECORD (RECORD itself, signatures, .pyc) are small.
constexpr std::uint64_t k_max_unrecorded_size = std::uint64_t{64} << 20;
// How far past its RECORD size a member is read to report its real size.
constexpr std::uint64_t k_overflow_probe = std::uint64_t{1} << 20;

// Finds names that would land on one file: repeats, letter-case variants, file/dir clashes.
class CollisionCheck {
 public:
  explicit CollisionCheck(std::string_view wheel) : m_wheel(wheel) {}

  void add(const std::string& member, bool is_directory) {
    for (std::size_t slash = member.find('/'); slash != std::string::npos;
         slash = member.find('/', slash + 1)) {
      add_path(member, member.substr(0, slash), true);
    }
    add_path(member, member, is_directory);
  }

 private:
  struct Seen {
    std::string name;
    bool is_directory = false;
  };

  void add_path(const std::string& member, const std::string& path, bool is_directory) {
    const auto [it, inserted] = m_seen.emplace(collision_key(path), Seen{path, is_directory});
    if (inserted)
      return;
    const Seen& seen = it->second;
    if (seen.name != path) {
      throw detail::member_refusal(
          ErrorKind::integrity, m_wheel, member,
          "collides with " + quoted_name(seen.name) + " (names differing only in letter case)");
    }
    if (seen.is_directory && is_directory)
      return;
    if (!seen.is_directory && !is_directory)
      throw detail::member_refusal(ErrorKind::integrity, m_wheel, member,
                                   "appears more than once in the archive");
    throw detail::member_refusal(
        ErrorKind::integrity, m_wheel, member,
        "collides with " + quoted_name(path) + ", which is both a file and a directory");
  }

  std::string_view m_wheel;
  std::map<std::string, Seen> m_seen;
};

// A member's name without a directory's trailing '/', checked; throws the refusal.
[[nodiscard]] detail::Member checked_member(const detail::ArchiveEntry& entry,
                                            std::string_view wheel) {
  if (!entry.name_is_utf8) {
    throw detail::member_refusal(ErrorKind::integrity, wheel, entry.name,
                                 "has a name that is not UTF-8");
  }
  if (entry.type != detail::EntryType::file && entry.type != detail::EntryType::directory) {
    throw detail::member_refusal(ErrorKind::integrity, wheel, entry.name,
                                 std::string("is ") + detail::describe(entry.type));
  }
  detail::Member member{entry.name, entry.type == detail::EntryType::directory, entry.size};
  if (member.is_directory && member.name.ends_with('/'))
    member.name.pop_back();
  if (const auto reason = check_member_name(member.name))
    throw detail::member_refusal(ErrorKind::integrity, wheel, entry.name, *reason);
  return member;
}

[[nodiscard]] std::string read_member(detail::ArchiveReader& reader, const std::string& name,
                                      std::string_view wheel) {
  std::string text;
  for (auto block = reader.read_block(); !block.empty(); block = reader.read_block()) {
    text.append(reinterpret_cast<const char*>(block.data()), block.size());
    if (text.size() > k_max_metadata_size)
      throw detail::member_refusal(ErrorKind::invalid_input, wheel, name, "is larger than 64 MiB");
  }
  return text;
}

struct FirstPass {
  std::vector<detail::Member> members;
  detail::MetadataTexts texts;
};

// Every member's name and type, and the .dist-info files' text; nothing is written.
[[nodiscard]] FirstPass scan(const std::shared_ptr<const ArchiveFile>& archive,
                             std::string_view wheel) {
  FirstPass pass;
  CollisionCheck collisions(wheel);
  detail::ArchiveReader reader(archive, std::string(wheel));
  detail::ArchiveEntry entry;
  std::uint64_t name_bytes = 0;
  std::uint64_t metadata_bytes = 0;
  while (reader.next(entry)) {
    name_bytes += entry.name.size();
    if (pass.members.size() == k_max_members || name_bytes > k_max_name_bytes) {
      throw detail::refusal(
          ErrorKind::invalid_input, wheel,
          "more than " + std::to_string(k_max_members) + " members or 128 MiB of member names");
    }
    detail::Member member = checked_member(entry, wheel);
    collisions.add(member.name, member.is_directory);
    if (!member.is_directory && detail::is_metadata_member(member.name)) {
      std::string text = read_member(reader, member.name, wheel);
      metadata_bytes += text.size();
      if (metadata_bytes > k_max_metadata_total) {
        throw detail::refusal(ErrorKind::invalid_input, wheel,
                              "more than 128 MiB of .dist-info files");
      }
      pass.texts.emplace(member.name, std::move(text));
    }
    pass.members.push_back(std::move(member));
  }
  return pass;
}

[[nodiscard]] std::string bytes_text(std::uint64_t size) {
  return std::to_string(size) + (size == 1 ? " byte" : " bytes");
}

[[nodiscard]] mode_t file_mode(const detail::ArchiveEntry& entry, std::string_view name,
                               std::string_view data_dir) {
  // Scripts are executables whatever the zip says, so hard links to them need no chmod later.
  const auto split = detail::split_data_path(name, data_dir);
  const bool script = split && split->first == "scripts";
  return (script || (entry.permissions & 0111) != 0) ? 0755 : 0644;
}

// Streams the current member into `fd`, comparing it with its RECORD row (if it has one).
void extract_member(detail::ArchiveReader& reader, int fd, const fs::path& path,
                    const std::string& name, const metadata::RecordEntry* expected,
                    std::string_view wheel) {
  cache::Sha256Hasher hasher;
  detail::FileSink sink(fd, path, expected != nullptr ? expected->size.value_or(0) : 0);
  std::uint64_t size = 0;
  bool too_big = false;
  for (auto block = reader.read_block(); !block.empty(); block = reader.read_block()) {
    size += block.size();
    if ((expected == nullptr || !expected->size) && size > k_max_unrecorded_size) {
      throw detail::member_refusal(ErrorKind::invalid_input, wheel, name,
                                   "is larger than 64 MiB and has no size in RECORD");
    }
    if (expected != nullptr && expected->size && size > *expected->size) {
      // Refused: stop writing, read on a little to report the real size.
      too_big = true;
      if (size > *expected->size + k_overflow_probe)
        break;
      continue;
    }
    hasher.update(block);
    sink.write(block);
  }
  sink.finish();
  if (expected == nullptr)
    return;
  if (too_big || (expected->size && size != *expected->size)) {
    Error error =
        detail::member_refusal(ErrorKind::integrity, wheel, name, "does not match RECORD");
    const std::uint64_t limit = *expected->size + k_overflow_probe;
    error.caused_by("RECORD says " + bytes_text(*expected->size) + ", the file has " +
                    (size > limit ? "more than " + bytes_text(limit) : bytes_text(size)));
    throw error;
  }
  const metadata::Sha256Digest digest = hasher.finish().bytes();
  if (metadata::check_file(*expected, digest, size) != metadata::FileCheck::matches) {
    Error error =
        detail::member_refusal(ErrorKind::integrity, wheel, name, "does not match RECORD");
    error.caused_by("RECORD says " + expected->hash + ", the file has " +
                    metadata::format_sha256(digest));
    throw error;
  }
}

// Splits the members into runs of consecutive members that cost about `target` each (a big
// member is a run of its own), so that threads can extract one wheel together.
[[nodiscard]] std::vector<WheelUnpack::Part> partition(const FirstPass& pass,
                                                       std::uint64_t target) {
  // Creating a file costs about as much as writing this many bytes.
  constexpr std::uint64_t k_file_cost = std::uint64_t{16} << 10;
  const auto cost_of = [&](std::size_t i) {
    return pass.members[i].is_directory ? 0 : pass.members[i].size + k_file_cost;
  };
  // Each part's reader walks the headers of every member before its own, so there are about
  // k_max_parts at most (each two consecutive parts cost more than the target): enough to keep
  // 16 threads busy, few enough to walk cheaply.
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < pass.members.size(); ++i)
    total += cost_of(i);
  target = std::max(target, total / (WheelUnpack::k_max_parts / 2) + 1);
  std::vector<WheelUnpack::Part> parts;
  WheelUnpack::Part current;
  for (std::size_t i = 0; i < pass.members.size(); ++i) {
    const std::uint64_t cost = cost_of(i);
    if (current.last > current.first && current.cost + cost > target) {
      parts.push_back(current);
      current = WheelUnpack::Part{i, i, 0};
    }
    current.last = i + 1;
    current.cost += cost;
  }
  if (current.last > current.first || parts.empty())
    parts.push_back(current);
  return parts;
}

void add_version_warning(UnpackedWheel& unpacked, const metadata::WheelFile& wheel_file) {
  if (wheel_file.is_newer_minor()) {
    unpacked.warnings.push_back(
        unpacked.filename + " has Wheel-Version " + std::to_string(wheel_file.wheel_version.major) +
        "." + std::to_string(wheel_file.wheel_version.minor) + ", newer than the supported " +
        std::to_string(metadata::k_supported_wheel_version.major) + "." +
        std::to_string(metadata::k_supported_wheel_version.minor));
  }
}

}  // namespace

struct WheelUnpack::State {
  cache::Cache& cache;
  std::shared_ptr<const ArchiveFile> archive;
  std::string wheel;
  FirstPass pass;
  detail::WheelLayout layout;
  std::vector<Part> parts;
  cache::StagingDir dir;
  std::atomic<std::size_t> parts_done{0};
};

WheelUnpack::WheelUnpack(cache::Cache& cache, std::shared_ptr<const ArchiveFile> archive,
                         const dist::WheelFilename& filename, std::uint64_t part_cost) {
  const std::string& wheel = filename.filename();
  FirstPass pass = scan(archive, wheel);
  detail::WheelLayout layout = detail::check_layout(pass.members, pass.texts, filename);
  std::vector<Part> parts = partition(pass, part_cost);
  m_state.reset(new State{cache, std::move(archive), wheel, std::move(pass), std::move(layout),
                          std::move(parts), cache.create_staging_dir("unpack")});
}

WheelUnpack::~WheelUnpack() = default;

const std::vector<WheelUnpack::Part>& WheelUnpack::parts() const {
  return m_state->parts;
}

void WheelUnpack::extract_part(std::size_t part_index) {
  const State& state = *m_state;
  const Part& part = state.parts.at(part_index);
  const std::string_view wheel = state.wheel;
  const fs::path& dir = state.dir.path();
  detail::TreeWriter writer(dir);
  detail::ArchiveReader reader(state.archive, state.wheel);
  detail::ArchiveEntry entry;
  for (std::size_t index = 0; index < part.last; ++index) {
    // The archive changed since the first pass (a verified file does not).
    if (!reader.next(entry))
      throw detail::refusal(ErrorKind::integrity, wheel, "the archive changed while reading it");
    if (index < part.first)
      continue;  // another part's member: its data is skipped, not read
    const detail::Member member = checked_member(entry, wheel);
    if (state.pass.members[index].name != member.name)
      throw detail::refusal(ErrorKind::integrity, wheel, "the archive changed while reading it");
    if (member.is_directory) {
      writer.make_directories(member.name);
      continue;
    }
    const mode_t mode = file_mode(entry, member.name, state.layout.data_dir);
    const cache::detail::Fd fd = writer.create_file(member.name, mode);
    const auto expected = state.layout.expected.find(member.name);
    extract_member(reader, fd.get(), dir / member.name, member.name,
                   expected == state.layout.expected.end() ? nullptr : &expected->second, wheel);
  }
  if (part.last == state.pass.members.size() && reader.next(entry))
    throw detail::refusal(ErrorKind::integrity, wheel, "the archive changed while reading it");
  ++m_state->parts_done;
}

UnpackedWheel WheelUnpack::finish(const dist::Sha256& sha256) {
  State& state = *m_state;
  if (state.parts_done.load() != state.parts.size())
    throw Error(ErrorKind::internal,
                "WheelUnpack::finish before every part of " + state.wheel + " was extracted");
  UnpackedWheel unpacked;
  unpacked.tree = state.cache.insert_tree(std::move(state.dir), sha256);
  unpacked.filename = state.wheel;
  unpacked.dist_info = state.layout.dist_info;
  unpacked.data_dir = state.layout.data_dir;
  unpacked.root_is_purelib = state.layout.wheel_file.root_is_purelib.value_or(false);
  add_version_warning(unpacked, state.layout.wheel_file);
  return unpacked;
}

UnpackedWheel unpack_wheel(cache::Cache& cache, const fs::path& wheel_file,
                           const dist::Sha256& sha256, const dist::WheelFilename& filename) {
  if (const auto tree = cache.find_unpacked(sha256))
    return open_unpacked(*tree, filename.filename());
  WheelUnpack unpack(cache, ArchiveFile::open(wheel_file), filename);
  for (std::size_t part = 0; part < unpack.parts().size(); ++part)
    unpack.extract_part(part);
  return unpack.finish(sha256);
}

UnpackedWheel open_unpacked(const fs::path& tree, std::string_view filename) {
  const auto damaged = [&](const std::string& why) {
    return Error(ErrorKind::io, "the unpacked wheel " + tree.string() + " is damaged: " + why)
        .hint("remove it with `gator-provision cache clean`");
  };
  UnpackedWheel unpacked;
  unpacked.tree = tree;
  unpacked.filename = filename;
  std::error_code error;
  for (fs::directory_iterator it(tree, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.ends_with(".dist-info") && it->is_directory()) {
      if (!unpacked.dist_info.empty())
        throw damaged("more than one .dist-info directory");
      unpacked.dist_info = name;
    }
  }
  if (error)
    throw damaged(error.message());
  if (unpacked.dist_info.empty())
    throw damaged("no .dist-info directory");
  unpacked.data_dir = unpacked.dist_info.substr(
                          0, unpacked.dist_info.size() - std::string_view(".dist-info").size()) +
                      ".data";
  std::string text;
  try {
    text = detail::read_file(tree / unpacked.dist_info / "WHEEL");
  } catch (const Error& read_error) {
    throw damaged(read_error.what());
  }
  const auto wheel_file = metadata::parse_wheel_file(text);
  if (!wheel_file)
    throw damaged(unpacked.dist_info + "/WHEEL: " + wheel_file.error().message);
  unpacked.root_is_purelib = wheel_file->root_is_purelib.value_or(false);
  add_version_warning(unpacked, *wheel_file);
  return unpacked;
}

}  // namespace gator::wheel
