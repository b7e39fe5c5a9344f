#include "util/subprocess.hpp"

#include <future>
#include <system_error>

#include <boost/asio/io_context.hpp>
#include <boost/process/args.hpp>
#include <boost/process/async.hpp>
#include <boost/process/child.hpp>
#include <boost/process/env.hpp>
#include <boost/process/environment.hpp>
#include <boost/process/exe.hpp>
#include <boost/process/io.hpp>
#include <boost/process/start_dir.hpp>

#include "util/error.hpp"

namespace gator::util {
namespace bp = boost::process;

ProcessResult run_process(const ProcessRequest& request) {
  boost::asio::io_context io;
  std::future<std::string> out;
  std::future<std::string> err;
  bp::environment environment = boost::this_process::environment();
  if (request.environment) {
    environment.clear();
    for (const auto& [name, value] : *request.environment)
      environment[name] = value;
  }
  const std::string start_dir = request.working_directory.empty()
                                    ? std::filesystem::current_path().string()
                                    : request.working_directory.string();
  std::error_code spawn_error;
  bp::child child(bp::exe = request.executable.string(), bp::args = request.args,
                  bp::std_in.close(), bp::std_out > out, bp::std_err > err, bp::env = environment,
                  bp::start_dir = start_dir, io, spawn_error);
  if (spawn_error) {
    throw Error(ErrorKind::io, "cannot run " + request.executable.string())
        .caused_by(spawn_error.message());
  }
  io.run_for(request.timeout);
  if (!io.stopped()) {
    std::error_code ignored;
    child.terminate(ignored);
    throw Error(ErrorKind::io, "timed out running " + request.executable.string())
        .caused_by("no result after " + std::to_string(request.timeout.count()) + " ms");
  }
  child.wait();
  return ProcessResult{child.exit_code(), out.get(), err.get()};
}

}  // namespace gator::util
