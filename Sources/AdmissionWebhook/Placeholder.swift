import Hummingbird
import HummingbirdTLS
import NIOSSL
import X509
import Crypto
import _CryptoExtras
import Logging
