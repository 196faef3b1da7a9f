-- wrk script: a like_add callback of the demo community with a fresh event_id and one of 10,000 likers per
-- request, as VK would send them (each one is stored in Kafka before the answer).
local counter = 0
local thread_id = 0

function setup(thread)
  thread:set("id", thread_id)
  thread_id = thread_id + 1
end

function init(args)
  counter = id * 100000000
end

request = function()
  counter = counter + 1
  local body = string.format(
    '{"type":"like_add","event_id":"bench%012d","v":"5.199","group_id":229000001,"secret":"s3cr3t-demo",' ..
    '"object":{"liker_id":%d,"object_type":"post","object_owner_id":-229000001,"object_id":1201,' ..
    '"thread_reply_id":0,"post_id":0}}', counter, 51000000 + counter % 10000)
  return wrk.format("POST", "/vk/callback", {["Content-Type"] = "application/json"}, body)
end

done = function(summary, latency, requests)
  local non2xx = summary.errors.status
  io.write(string.format("RESULT requests=%d duration_s=%.1f rps=%.0f p50_ms=%.2f p99_ms=%.2f non2xx=%d sockerr=%d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, non2xx,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
