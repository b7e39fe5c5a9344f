// WheelUnpack (a wheel unpacked in parts by several threads), ArchiveFile (one descriptor read
// by many, and noticing writes) and FileSink (big files written with O_DIRECT).
#include <algorithm>
#include <map>
#include <thread>
#include <vector>

#include <fcntl.h>
#include <unistd.h>

#include "cache/sha256_hasher.hpp"
#include "util/error.hpp"
#include "wheel/archive_file.hpp"
#include "wheel/tree_io.hpp"
#include "wheel/unpack.hpp"
#include "wheel_fixture.hpp"

namespace gator::wheel::test {
namespace {

// Every file below `root` with its content.
std::map<std::string, std::string> contents_of(const fs::path& root) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_regular_file())
      files[entry.path().lexically_relative(root).string()] = read_text(entry.path());
  }
  return files;
}

[[nodiscard]] WheelBuilder many_files() {
  WheelBuilder builder;
  builder.file("demo/__init__.py", "VALUE = 1\n").directory("demo/empty");
  for (int i = 0; i < 30; ++i) {
    builder.file(
        "demo/sub" + std::to_string(i % 4) + "/mod_" + std::to_string(i) + ".py",
        std::string(static_cast<std::size_t>(100 + i * 37), static_cast<char>('a' + i % 26)));
  }
  builder.file("demo/tool.sh", "#!/bin/sh\necho hi\n", 0755);
  return builder;
}

class ParallelUnpackTest : public WheelTest {};

TEST_F(ParallelUnpackTest, PartsAreConsecutiveRunsCoveringEveryMember) {
  const Stored stored = store(many_files().build(), many_files().filename());
  const WheelUnpack whole(*m_cache, ArchiveFile::open(stored.path), stored.filename);
  ASSERT_EQ(whole.parts().size(), 1U) << "a small wheel is one part";
  const std::size_t members = whole.parts().front().last;

  // A tiny budget: as many parts as a wheel may have, a member or two each.
  const WheelUnpack split(*m_cache, ArchiveFile::open(stored.path), stored.filename, 1);
  const auto& parts = split.parts();
  ASSERT_GT(parts.size(), 8U);
  EXPECT_LE(parts.size(), WheelUnpack::k_max_parts);
  EXPECT_EQ(parts.front().first, 0U);
  EXPECT_EQ(parts.back().last, members);
  std::uint64_t total = 0;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    EXPECT_LT(parts[i].first, parts[i].last);
    if (i > 0) {
      EXPECT_EQ(parts[i].first, parts[i - 1].last);
    }
    total += parts[i].cost;
  }
  EXPECT_EQ(total, whole.parts().front().cost);
}

TEST_F(ParallelUnpackTest, AWheelNeverHasMoreThanTheMaximumOfParts) {
  // Every part's reader walks the headers before its own: many parts would cost more than
  // they save, whatever budget is asked for.
  WheelBuilder builder;
  for (int i = 0; i < 300; ++i)
    builder.file("demo/m" + std::to_string(i) + ".py", "X = 1\n");
  const Stored stored = store(builder.build(), builder.filename());
  const WheelUnpack unpack(*m_cache, ArchiveFile::open(stored.path), stored.filename, 1);
  EXPECT_GT(unpack.parts().size(), 4U);
  EXPECT_LE(unpack.parts().size(), WheelUnpack::k_max_parts);
}

TEST_F(ParallelUnpackTest, PartsOnSeveralThreadsInAnyOrderMakeTheSameTree) {
  const WheelBuilder builder = many_files();
  const UnpackedWheel serial = unpack(builder);
  const auto expected = contents_of(serial.tree);
  const auto expected_paths = tree_of(serial.tree);

  cache::Cache other = cache::Cache::open(m_dir / "other-cache");
  const Stored stored = store(builder.build(), builder.filename());
  WheelUnpack unpack(other, ArchiveFile::open(stored.path), stored.filename, 1);
  const std::size_t count = unpack.parts().size();
  {
    std::vector<std::jthread> threads;
    for (std::size_t t = 0; t < 4; ++t) {
      threads.emplace_back([&, t] {
        for (std::size_t part = count; part-- > 0;) {
          if (part % 4 == t)
            unpack.extract_part(part);
        }
      });
    }
  }
  const UnpackedWheel parallel = unpack.finish(stored.sha256);
  EXPECT_EQ(parallel.tree, other.unpacked_path(stored.sha256));
  EXPECT_EQ(contents_of(parallel.tree), expected);
  EXPECT_EQ(tree_of(parallel.tree), expected_paths);
  EXPECT_EQ(mode_of(parallel.tree / "demo/tool.sh"), 0755U);
  EXPECT_EQ(parallel.dist_info, "demo-1.0.dist-info");
  EXPECT_TRUE(tree_of(other.staging_dir()).empty());
}

TEST_F(ParallelUnpackTest, FinishingEarlyIsRefusedAndAnAbandonedUnpackLeavesNothing) {
  const Stored stored = store(many_files().build(), many_files().filename());
  {
    WheelUnpack unpack(*m_cache, ArchiveFile::open(stored.path), stored.filename, 1);
    unpack.extract_part(0);
    try {
      (void)unpack.finish(stored.sha256);
      FAIL() << "finish before every part ran";
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::internal);
    }
    EXPECT_FALSE(tree_of(m_cache->staging_dir()).empty()) << "the staging tree is in use";
  }
  EXPECT_TRUE(tree_of(m_cache->staging_dir()).empty());
  EXPECT_FALSE(m_cache->find_unpacked(stored.sha256).has_value());
}

TEST_F(ParallelUnpackTest, ATamperedMemberInALaterPartIsRefused) {
  WheelBuilder builder = many_files();
  builder.record_hash("demo/sub1/mod_29.py", "sha256=" + std::string(43, 'A'));
  const Stored stored = store(builder.build(), builder.filename());
  WheelUnpack unpack(*m_cache, ArchiveFile::open(stored.path), stored.filename, 1);
  std::string refused;
  for (std::size_t part = 0; part < unpack.parts().size(); ++part) {
    try {
      unpack.extract_part(part);
    } catch (const Error& error) {
      EXPECT_EQ(error.kind(), ErrorKind::integrity);
      refused = error.what();
    }
  }
  EXPECT_NE(refused.find("demo/sub1/mod_29.py"), std::string::npos) << refused;
  EXPECT_NE(refused.find("does not match RECORD"), std::string::npos) << refused;
}

TEST_F(ParallelUnpackTest, ArchiveFileHashesThroughItsDescriptorAndNoticesWrites) {
  const std::string bytes = many_files().build();
  const fs::path path = m_dir / "local" / many_files().filename();
  write_text(path, bytes);
  const auto archive = ArchiveFile::open(path);
  EXPECT_EQ(archive->size(), bytes.size());
  EXPECT_EQ(archive->digest(), (cache::FileDigest{cache::sha256_of(bytes), bytes.size()}));
  EXPECT_TRUE(archive->unchanged());

  // Rewriting the same bytes still counts: what was hashed may not be what was unpacked.
  ::usleep(20'000);  // coarse timestamps on some filesystems
  write_text(path, bytes);
  EXPECT_FALSE(archive->unchanged());

  try {
    (void)ArchiveFile::open(m_dir);
    FAIL() << "a directory is not a wheel";
  } catch (const Error& error) {
    EXPECT_EQ(error.kind(), ErrorKind::io);
    EXPECT_NE(std::string(error.what()).find("not a regular file"), std::string::npos);
  }
}

// Writes `size` patterned bytes through a FileSink in uneven pieces; returns what was written.
std::string write_through_sink(const fs::path& path, std::size_t size, bool& direct) {
  std::string data(size, '\0');
  for (std::size_t i = 0; i < size; ++i)
    data[i] = static_cast<char>((i * 7919) % 251);
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  EXPECT_GE(fd, 0);
  {
    detail::FileSink sink(fd, path, size);
    direct = sink.direct();
    const auto bytes = std::as_bytes(std::span(data.data(), data.size()));
    for (std::size_t offset = 0; offset < size;) {
      const std::size_t piece = std::min<std::size_t>(1'000'003, size - offset);
      sink.write(bytes.subspan(offset, piece));
      offset += piece;
    }
    sink.finish();
    // Back to plain writes, whatever the sink did: the descriptor is the caller's.
    EXPECT_EQ(::fcntl(fd, F_GETFL) & O_DIRECT, 0);
  }
  ::close(fd);
  return data;
}

TEST_F(ParallelUnpackTest, FileSinkWritesBigFilesWholeWhateverTheirLength) {
  const std::size_t big = detail::FileSink::k_direct_threshold;
  for (const std::size_t size : {big, big + 4096 * 3, big * 2 + 123, big + 4 * 1048576 + 1}) {
    const fs::path path = m_dir / ("sink-" + std::to_string(size));
    bool direct = false;
    const std::string written = write_through_sink(path, size, direct);
    EXPECT_EQ(fs::file_size(path), size);
    EXPECT_TRUE(read_text(path) == written) << size << (direct ? " direct" : " buffered");
  }
  bool direct = true;
  const fs::path small = m_dir / "sink-small";
  const std::string written = write_through_sink(small, 5000, direct);
  EXPECT_TRUE(read_text(small) == written);
  EXPECT_FALSE(direct) << "small files are written plainly";
}

}  // namespace
}  // namespace gator::wheel::test
