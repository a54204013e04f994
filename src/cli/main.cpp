#include <iostream>
int main() { std::cout << "hush\n"; }
