-- wrk script: POST /v1/screen with a rotating set of realistic single-name queries.
local names = {
  "Hafiz Mohammad Sayeed", "Lashkar-e-Taiba", "Osama bin Laden", "Jaish-e-Mohammad",
  "Maria Fernandez", "Ayman al-Zawahri", "Acme Trading LLC", "Mohammed Ali Khan",
  "Abu Bakr al-Baghdadi", "John Smith", "Dawood Ibrahim Kaskar", "Chen Wei",
}
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("VIGIL_KEY")
request = function()
  i = i + 1
  local body = '{"name": "' .. names[(i % #names) + 1] .. '"}'
  return wrk.format(nil, "/v1/screen", nil, body)
end
