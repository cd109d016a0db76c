-- bench/cache_flood.py: every request asks for the page with a new random utm_source, as a flood does.
-- The figures are printed by report.lua (run from the project folder).
dofile("bench/report.lua")

init = function(args)
  math.randomseed(os.time() + tonumber(tostring({}):match("0x(%x+)"), 16) % 1000003)
end

request = function()
  return wrk.format(nil, wrk.path .. "?utm_source=" .. math.random(1, 2 ^ 30) .. "-" .. math.random(1, 2 ^ 30))
end
