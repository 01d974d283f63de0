package server

// saneRequestID reports whether a client's X-Request-Id may be reused: 1
// to 64 letters, digits, '-', '_' or '.', so that it cannot forge log
// lines or grow them.
func saneRequestID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9', c == '-', c == '_', c == '.':
		default:
			return false
		}
	}
	return true
}
